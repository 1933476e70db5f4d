/* SPDX-License-Identifier: MIT */
/* The lesson-file parser: valid files, built-in lessons, and a table of
 * malformed files each with its error (file and line). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/lessons.h"
#include "cli/opts.h"
#include "lesson/lesson.h"
#include "check_main.h"

/* A tiny stand-in for the CLI's option parser: depth and init only. */
static int apply(iv_config *cfg, const char *key, const char *value,
                 char *err, size_t errlen)
{
	if (strcmp(key, "depth") == 0) {
		char *end;
		long d = strtol(value, &end, 10);
		if (*end || d < 1 || d > IV_DEPTH_MAX) {
			snprintf(err, errlen, "--depth must be an integer from 1 to %d",
			         IV_DEPTH_MAX);
			return 2;
		}
		cfg->depth = (size_t)d;
		return 0;
	}
	if (strcmp(key, "init") == 0 && iv_init_parse(value, &cfg->init))
		return 0;
	snprintf(err, errlen, "unknown setting \"%s\"", key);
	return 2;
}

static iv_config base;
static void setup(void) { iv_config_defaults(&base); }

START_TEST(parses_a_valid_file)
{
	const char *text = "# comment\n\n[lesson]\ntitle = One\n"
	                   "  depth = 3  \ntext = first\ntext = second\n"
	                   "look = here\nlr = 2.5e-3\nreadout = random\n"
	                   "shows = training ,profile\n"
	                   "[lesson]\ntitle = Two\ntext = x\r\n";
	iv_lesson_set set = { 0 };
	char err[256];
	ck_assert_int_eq(iv_lessons_parse(&set, text, strlen(text), "t", &base,
	                                  apply, err, sizeof err), 0);
	ck_assert_uint_eq(set.n, 2);
	ck_assert_str_eq(set.v[0].title, "One");
	ck_assert_uint_eq(set.v[0].cfg.depth, 3);
	ck_assert_uint_eq(set.v[0].ntext, 2);
	ck_assert_str_eq(set.v[0].text[1], "second");
	ck_assert_str_eq(set.v[0].look, "here");
	ck_assert_double_eq(set.v[0].lr, 2.5e-3);
	ck_assert(set.v[0].random_readout);
	ck_assert(!set.v[1].random_readout);
	ck_assert_double_eq(set.v[1].lr, 0); /* unset: the view's rate stays */
	/* shows in the file's order; a lesson without it names none */
	ck_assert_uint_eq(set.v[0].nshows, 2);
	ck_assert_str_eq(set.v[0].shows[0], "training");
	ck_assert_str_eq(set.v[0].shows[1], "profile");
	ck_assert_uint_eq(set.v[1].nshows, 0);
	/* each lesson starts from the defaults, not from the one before */
	ck_assert_uint_eq(set.v[1].cfg.depth, base.depth);
	ck_assert_str_eq(set.v[1].text[0], "x");
	iv_lessons_free(&set);
}
END_TEST

static const struct {
	const char *text, *error;
} bad[] = {
	{ "", "t: no lessons" },
	{ "# only a comment\n", "t: no lessons" },
	{ "title = x\n", "t:1: setting before the first [lesson]" },
	{ "[lesson]\ntitle = x\ntext = y\n[other]\n", "t:4: unknown section" },
	{ "[lesson]\ntitle x\n", "t:2: expected \"key = value\"" },
	{ "[lesson]\ntitle =\n", "t:2: empty value for \"title\"" },
	{ "[lesson]\ntitle = a\ntext = b\ndepth = -3\n", "t:4: --depth must be" },
	{ "[lesson]\ntitle = a\ntext = b\ndept = 3\n", "t:4: unknown setting" },
	{ "[lesson]\ntext = b\n[lesson]\n", "t:3: the lesson before this one has no title" },
	{ "[lesson]\ntitle = a\n", "t: lesson 1 has no text" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = fast\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 0\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = -0.1\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 0.1x\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = nan\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 1e7\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 0x1p3\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = inf\n", "t:4: lr must be a number from 1e-12 to 1e6, got" },
	{ "[lesson]\ntitle = a\ntext = b\nreadout = yes\n", "t:4: readout must be random or same" },
	{ "[lesson]\ntitle = a\ntext=1\ntext=2\ntext=3\ntext=4\ntext=5\ntext=6\n",
	  "t:8: more than 5 text lines" },
	{ "[lesson]\ntitle = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "t:2: value too long" },
};

START_TEST(malformed_files_name_file_and_line)
{
	iv_lesson_set set = { 0 };
	char err[256] = "";
	int rc = iv_lessons_parse(&set, bad[_i].text, strlen(bad[_i].text), "t",
	                          &base, apply, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strncmp(err, bad[_i].error, strlen(bad[_i].error)) == 0,
	              "case %d: got \"%s\", want \"%s...\"", _i, err,
	              bad[_i].error);
	ck_assert_uint_eq(set.n, 0); /* nothing half-added */
}
END_TEST

START_TEST(binary_and_huge_input)
{
	iv_lesson_set set = { 0 };
	char err[256];
	const char bin[] = "[lesson]\0title = x\n";
	ck_assert_int_eq(iv_lessons_parse(&set, bin, sizeof bin, "b", &base,
	                                  apply, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a text file"));
	size_t n = 5000;
	char *longline = malloc(n + 1);
	memset(longline, 'x', n);
	longline[n] = '\0';
	ck_assert_int_eq(iv_lessons_parse(&set, longline, n, "l", &base, apply,
	                                  err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "l:1: line too long"));
	free(longline);
}
END_TEST

START_TEST(load_refuses_directories_and_missing_files)
{
	iv_lesson_set set = { 0 };
	char err[256];
	ck_assert_int_eq(iv_lessons_load(&set, "/", &base, apply, err,
	                                 sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is a directory"));
	ck_assert_int_eq(iv_lessons_load(&set, "/nonexistent/x", &base, apply,
	                                 err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "cannot read"));
	char path[] = "/tmp/iv-lessonXXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *ok = "[lesson]\ntitle = From a file\ntext = hello\n";
	ck_assert_int_eq(write(fd, ok, strlen(ok)), (ssize_t)strlen(ok));
	close(fd);
	ck_assert_int_eq(iv_lessons_load(&set, path, &base, apply, err,
	                                 sizeof err), 0);
	ck_assert_str_eq(set.v[0].title, "From a file");
	unlink(path);
	iv_lessons_free(&set);
}
END_TEST

/* The built-in lessons through the real option parser: all load, each is
 * a valid configuration, and the list is there. */
START_TEST(builtin_lessons_load)
{
	iv_lesson_set set = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	ck_assert_int_eq(cli_lessons(&set, NULL, stderr), 0);
	ck_assert_uint_ge(set.n, 12);
	for (size_t i = 0; i < set.n; i++) {
		ck_assert_int_eq(iv_config_validate(&set.v[i].cfg), IV_OK);
		ck_assert_uint_ge(set.v[i].ntext, 2);
		ck_assert(set.v[i].look[0]);
		/* a class's path through them does not change a rate */
		ck_assert_msg(set.v[i].lr > 0, "lesson %zu names no lr", i + 1);
	}
	ck_assert_int_eq(set.v[0].cfg.init, IV_INIT_ZEROS);
	ck_assert_int_eq(set.v[1].cfg.init, IV_INIT_CONSTANT);
	/* the training lessons name the strip, the depth lessons the profile
	 * first */
	ck_assert_str_eq(set.v[1].shows[1], "training");
	ck_assert_str_eq(set.v[12].shows[1], "training");
	ck_assert_str_eq(set.v[9].shows[0], "profile");
	ck_assert_int_eq(set.v[4].cfg.init, IV_INIT_NORMAL);
	ck_assert_double_eq(set.v[4].cfg.std, 0.01);
	ck_assert_uint_eq(set.v[4].cfg.depth, 10);
	iv_lessons_free(&set);
}
END_TEST

/* A lesson makes as many claims as its text needs: lesson 14 (a ResNet
 * and three cures) states more than sixteen things of its screen. */
START_TEST(a_lesson_makes_up_to_24_claims)
{
	char text[2048];
	char err[256] = "";
	iv_lesson_set set = { 0 };
	size_t len = (size_t)snprintf(text, sizeof text,
	                              "[lesson]\ntitle = a\ntext = b\n");
	for (int i = 0; i < 24; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
		                        "claim = h.std %d < 1\n", i + 1);
	ck_assert_int_eq(iv_lessons_parse(&set, text, len, "t", &base, apply,
	                                  err, sizeof err),
	                 0);
	ck_assert_uint_eq(set.v[0].nclaims, 24);
	ck_assert_uint_eq(set.v[0].claims[23].from, 24);
	iv_lessons_free(&set);
	len += (size_t)snprintf(text + len, sizeof text - len,
	                        "claim = h.std 25 < 1\n");
	ck_assert_int_eq(iv_lessons_parse(&set, text, len, "t", &base, apply,
	                                  err, sizeof err),
	                 -1);
	ck_assert_str_eq(err, "t:28: more than 24 claims");
	ck_assert_uint_eq(set.n, 0);
}
END_TEST

START_TEST(real_settings_errors_name_the_setting)
{
	iv_lesson_set set = { 0 };
	char err[512];
	const char *t = "[lesson]\ntitle = a\ntext = b\nstd = -1\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f.lessons", &base,
	                                  cli_apply_setting, err, sizeof err),
	                 -1);
	ck_assert_msg(strncmp(err, "f.lessons:4: --std must be", 26) == 0, "%s",
	              err);
	t = "[lesson]\ntitle = a\ntext = b\nreport = 1\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f", &base,
	                                  cli_apply_setting, err, sizeof err),
	                 -1);
	ck_assert_ptr_nonnull(strstr(err, "f:4: unknown setting \"report\""));
	t = "[lesson]\ntitle = a\ntext = b\nwidths = 4,3,2\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f", &base,
	                                  cli_apply_setting, err, sizeof err),
	                 0);
	ck_assert_uint_eq(set.v[0].cfg.depth, 2);
	ck_assert_uint_eq(iv_config_units(&set.v[0].cfg, 2), 2);
	iv_lessons_free(&set);
}
END_TEST

/* A flag as a setting says on or off: "residual = no" leaves the blocks
 * off (it turned them on), a word that is neither is refused. */
START_TEST(a_flag_setting_says_on_or_off)
{
	static const struct {
		const char *value;
		int residual; /* -1: refused */
	} cases[] = {
		{"1", 1},  {"yes", 1},  {"true", 1},  {"on", 1},  {"0", 0},
		{"no", 0}, {"false", 0}, {"off", 0}, {"maybe", -1}, {"2", -1},
		{"No", -1}, {"1x", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		iv_lesson_set set = { 0 };
		char t[128], err[512];
		snprintf(t, sizeof t,
		         "[lesson]\ntitle = a\ntext = b\nresidual = 1\n"
		         "residual = %s\n",
		         cases[i].value);
		int rc = iv_lessons_parse(&set, t, strlen(t), "f", &base,
		                          cli_apply_setting, err, sizeof err);
		if (cases[i].residual < 0) {
			ck_assert_msg(rc == -1, "residual = %s taken",
			              cases[i].value);
			ck_assert_msg(strstr(err, "f:5: --residual must be 1 or "
			                          "0") != NULL,
			              "%s", err);
		} else {
			ck_assert_msg(rc == 0, "residual = %s: %s",
			              cases[i].value, err);
			ck_assert_msg(set.v[0].cfg.residual ==
			                  (cases[i].residual == 1),
			              "residual = %s", cases[i].value);
		}
		iv_lessons_free(&set);
	}
}
END_TEST

/* No byte below 0x20 (but newline), no DEL, no C1 control. */
static void assert_terminal_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		ck_assert_msg(*p >= 0x20 || *p == '\n', "control byte 0x%02x in "
		              "\"%s\"", *p, s);
		ck_assert_msg(*p != 0x7f, "DEL in \"%s\"", s);
		ck_assert_msg(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f),
		              "C1 control in \"%s\"", s);
		ck_assert_msg(*p < 0x80 || *p >= 0xc2, "stray byte 0x%02x",
		              *p);
	}
}

START_TEST(bytes_from_the_file_are_escaped)
{
	/* given a title that retitles a terminal and a malformed line with
	 * a colour escape, a C1 CSI and a stray byte */
	iv_lesson_set set = { 0 };
	char err[512], *out = NULL;
	size_t len = 0;
	const char *t = "[lesson]\ntitle = T\x1b]2;PWNED\x07x\ntext = b\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f\x1b[0m", &base,
	                                  apply, err, sizeof err), 0);
	/* when the lessons are listed, then the title is there, escaped */
	FILE *f = open_memstream(&out, &len);
	cli_list_lessons(&set, f);
	fclose(f);
	ck_assert_str_eq(out, "1. T^[]2;PWNED^Gx\n");
	assert_terminal_safe(out);
	free(out);
	/* and the error quoting the line and naming the file is escaped */
	t = "[lesson]\ntitle = a\nbad \x1b[31m\xc2\x9b" "2J\xff\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f\x1b[0m", &base,
	                                  apply, err, sizeof err), -1);
	ck_assert_str_eq(err, "f^[[0m:3: expected \"key = value\", got "
	                      "\"bad ^[[31m\\xc2\\x9b2J\\xff\"");
	assert_terminal_safe(err);
	iv_lessons_free(&set);
}
END_TEST

START_TEST(byte_order_mark_is_skipped)
{
	/* given a file that starts with a UTF-8 byte-order mark, then it
	 * parses as without it; a mark elsewhere is not taken for one */
	iv_lesson_set set = { 0 };
	char err[256];
	const char *t = "\xef\xbb\xbf[lesson]\ntitle = a\ntext = b\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "t", &base,
	                                  apply, err, sizeof err), 0);
	ck_assert_str_eq(set.v[0].title, "a");
	t = "\n\xef\xbb\xbf[lesson]\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "t", &base,
	                                  apply, err, sizeof err), -1);
	ck_assert_str_eq(err, "t:2: expected \"key = value\", got "
	                      "\"\xef\xbb\xbf[lesson]\"");
	iv_lessons_free(&set);
}
END_TEST

/* lr values: the lesson file takes exactly those that --lr takes */
static const char *const rates[] = {
	"0.01", "1e-3", "2.5E-2", ".5", "5.", "+0.5", "1e6", "1e-12",
	"0x1p3", "0X10", "0x.8", "inf", "nan", "1e-13", "1000001", "0",
	"-0.01", "1e", "0.1.2", "1_000", "١", "0.05x",
};

START_TEST(lr_takes_what_the_option_takes)
{
	char line[128], err[512];
	snprintf(line, sizeof line, "[lesson]\ntitle = a\ntext = b\nlr = %s\n",
	         rates[_i]);
	iv_lesson_set set = { 0 };
	bool in_file = iv_lessons_parse(&set, line, strlen(line), "t", &base,
	                                cli_apply_setting, err,
	                                sizeof err) == 0;
	char opt[64];
	snprintf(opt, sizeof opt, "--lr=%s", rates[_i]);
	char *argv[] = { (char *)"initviz", opt, NULL };
	cli_opts o;
	bool on_line = cli_parse(2, argv, &o, err, sizeof err) == 0;
	ck_assert_msg(in_file == on_line, "lr = %s: lesson file %s, --lr %s",
	              rates[_i], in_file ? "takes it" : "refuses it",
	              on_line ? "takes it" : "refuses it");
	if (in_file)
		ck_assert_double_eq(set.v[0].lr, o.lr);
	iv_lessons_free(&set);
}
END_TEST

static const struct {
	const char *value, *err; /* err NULL: taken */
	size_t n;
	const char *first;
} shows_cases[] = {
    {"profile", NULL, 1, "profile"},
    {" training ,layers, profile ", NULL, 3, "training"},
    {"layers, profil", "shows names parts of the view (layers, profile, "
		       "training), got \"profil\"", 0, NULL},
    {"profile, profile", "shows names a part twice: \"profile\"", 0, NULL},
    {"layers,,profile", "got \"\"", 0, NULL},
};

START_TEST(shows_names_parts_of_the_view)
{
	/* given shows = a list, then the parts in order, or the error that
	 * names the bad one (file and line) */
	char text[256], err[256];
	snprintf(text, sizeof text, "[lesson]\ntitle = a\ntext = b\nshows = %s\n",
	         shows_cases[_i].value);
	iv_lesson_set set = { 0 };
	int rc = iv_lessons_parse(&set, text, strlen(text), "t", &base, apply,
	                          err, sizeof err);
	if (shows_cases[_i].err) {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(err, "t:4: ") &&
		              strstr(err, shows_cases[_i].err), "%s", err);
		return;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(set.v[0].nshows, shows_cases[_i].n);
	ck_assert_str_eq(set.v[0].shows[0], shows_cases[_i].first);
	iv_lessons_free(&set);
}
END_TEST

/* n lessons "[lesson] title text" in one text (free it) */
static char *lessons_text(size_t n, size_t *len)
{
	static const char one[] = "[lesson]\ntitle = L\ntext = x\n";
	char *t = malloc(n * (sizeof one - 1) + 1);
	ck_assert_ptr_nonnull(t);
	for (size_t i = 0; i < n; i++)
		memcpy(t + i * (sizeof one - 1), one, sizeof one - 1);
	*len = n * (sizeof one - 1);
	t[*len] = '\0';
	return t;
}

START_TEST(two_hundred_lessons_after_the_built_in_ones)
{
	/* given the built-in lessons, then a file of 200 lessons adds them
	 * all; 201 in one file are too many */
	iv_lesson_set set = { 0 };
	char err[256];
	size_t len;
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	ck_assert_int_eq(cli_lessons(&set, NULL, stderr), 0);
	size_t builtin = set.n;
	size_t len200;
	char *t200 = lessons_text(200, &len200), *t = lessons_text(201, &len);
	ck_assert_int_eq(iv_lessons_parse(&set, t200, len200, "t", &base, apply,
	                                  err, sizeof err), 0);
	ck_assert_uint_eq(set.n, builtin + 200);
	ck_assert_int_eq(iv_lessons_parse(&set, t, len, "t", &base, apply, err,
	                                  sizeof err), -1);
	ck_assert_str_eq(err, "t:601: too many lessons in one file (at most "
	                      "200)");
	/* files up to 1000 lessons in all; then the next is refused whole */
	while (set.n + 200 <= IV_LESSONS_TOTAL_MAX)
		ck_assert_int_eq(iv_lessons_parse(&set, t200, len200, "t", &base,
		                                  apply, err, sizeof err), 0);
	size_t before = set.n;
	ck_assert_int_eq(iv_lessons_parse(&set, t200, len200, "u", &base, apply,
	                                  err, sizeof err), -1);
	ck_assert_str_eq(err, "u: too many lessons in all (at most 1000, the "
	                      "built-in ones included)");
	ck_assert_uint_eq(set.n, before);
	free(t);
	free(t200);
	iv_lessons_free(&set);
}
END_TEST

START_TEST(load_refuses_fifos_and_devices_unread)
{
	/* given a FIFO no one writes to, and /dev/zero, then each is refused
	 * at once (the suite's timeout catches a hang), unread */
	iv_lesson_set set = { 0 };
	char err[256], dir[] = "/tmp/iv-fifoXXXXXX", fifo[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(fifo, sizeof fifo, "%s/x.lessons", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(iv_lessons_load(&set, fifo, &base, apply, err,
	                                 sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "x.lessons: is a FIFO, not a "
	                                  "regular file"));
	ck_assert_int_eq(iv_lessons_load(&set, "/dev/zero", &base, apply, err,
	                                 sizeof err), -1);
	ck_assert_str_eq(err, "/dev/zero: is a device, not a regular file");
	/* the same FIFO among the user's lesson files: skipped with a
	 * warning, the others load */
	char ok[64];
	snprintf(ok, sizeof ok, "%s/initviz", dir);
	ck_assert_int_eq(mkdir(ok, 0700), 0);
	snprintf(fifo, sizeof fifo, "%s/initviz/a.lessons", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	snprintf(ok, sizeof ok, "%s/initviz/b.lessons", dir);
	FILE *f = fopen(ok, "w");
	fputs("[lesson]\ntitle = B\ntext = x\n", f);
	fclose(f);
	setenv("XDG_CONFIG_HOME", dir, 1);
	char *warn = NULL;
	size_t wlen = 0;
	FILE *w = open_memstream(&warn, &wlen);
	ck_assert_int_eq(cli_lessons(&set, NULL, w), 1);
	fclose(w);
	ck_assert_ptr_nonnull(strstr(warn, "a.lessons: is a FIFO"));
	ck_assert_str_eq(set.v[set.n - 1].title, "B");
	free(warn);
	unlink(ok);
	unlink(fifo);
	snprintf(ok, sizeof ok, "%s/initviz", dir);
	rmdir(ok);
	rmdir(dir);
	iv_lessons_free(&set);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("lesson");
	TCase *tc = tcase_create("parser");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, parses_a_valid_file);
	tcase_add_loop_test(tc, malformed_files_name_file_and_line, 0,
	                    sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, binary_and_huge_input);
	tcase_add_test(tc, load_refuses_directories_and_missing_files);
	tcase_add_test(tc, builtin_lessons_load);
	tcase_add_test(tc, a_lesson_makes_up_to_24_claims);
	tcase_add_test(tc, real_settings_errors_name_the_setting);
	tcase_add_test(tc, a_flag_setting_says_on_or_off);
	tcase_add_test(tc, bytes_from_the_file_are_escaped);
	tcase_add_test(tc, byte_order_mark_is_skipped);
	tcase_add_loop_test(tc, lr_takes_what_the_option_takes, 0,
	                    sizeof rates / sizeof rates[0]);
	tcase_add_test(tc, two_hundred_lessons_after_the_built_in_ones);
	tcase_add_loop_test(tc, shows_names_parts_of_the_view, 0,
	                    sizeof shows_cases / sizeof shows_cases[0]);
	tcase_add_test(tc, load_refuses_fifos_and_devices_unread);
	suite_add_tcase(s, tc);
	return s;
}
