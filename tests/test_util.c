/* SPDX-License-Identifier: MIT */
/* util: escaping untrusted text, sizes in binary units, reading a user's
 * file (regular files only, a size cap, every error said), word wrapping. */
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/blas_core.h"
#include "util/cols.h"
#include "util/bytes.h"
#include "util/escape.h"
#include "util/number.h"
#include "util/percent.h"
#include "util/textfile.h"
#include "util/wrap.h"
#include "check_main.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *in, *out;
} escapes[] = {
	{ "plain text", "plain text" },
	{ "\x1b]2;PWNED\x07x", "^[]2;PWNED^Gx" },
	{ "tab\there\r\n", "tab^Ihere^M^J" },
	{ "del\x7f", "del^?" },
	{ "\x01\x1f", "^A^_" },
	{ "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80" },
	{ "nbsp\xc2\xa0", "nbsp\xc2\xa0" },               /* U+00A0: printable */
	{ "csi\xc2\x9b" "2J", "csi\\xc2\\x9b" "2J" },      /* C1 as UTF-8 */
	{ "raw\x9b", "raw\\x9b" },                         /* C1 as a byte */
	{ "\xff\xfe", "\\xff\\xfe" },
	{ "\xc0\xaf", "\\xc0\\xaf" },                      /* overlong '/' */
	{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },             /* a surrogate */
	{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" },    /* over U+10FFFF */
	{ "cut\xe2\x86", "cut\\xe2\\x86" },                /* cut short */
	/* marks that reorder the text around them: "abc" would read "cba" */
	{ "\xe2\x80\xae" "abc", "\\u202e" "abc" },           /* U+202E RLO */
	{ "x\xe2\x81\xa7y\xe2\x81\xa9", "x\\u2067y\\u2069" }, /* RLI, PDI */
	{ "\xe2\x80\x8f\xd8\x9c", "\\u200f\\u061c" },      /* RLM, ALM */
	{ "\xe2\x80\x8d", "\xe2\x80\x8d" },               /* ZWJ stays */
};

START_TEST(escape_table)
{
	char out[128];
	size_t n = iv_escape_str(out, sizeof out, escapes[_i].in);
	ck_assert_str_eq(out, escapes[_i].out);
	ck_assert_uint_eq(n, strlen(escapes[_i].out));
}
END_TEST

START_TEST(brief_keeps_both_ends_and_whole_characters)
{
	/* given a name longer than max, then its first and last bytes around
	 * "...", max bytes in all, never half a UTF-8 character */
	char out[32];
	iv_brief(out, sizeof out, "short", 16);
	ck_assert_str_eq(out, "short");
	iv_brief(out, sizeof out, "abcdefghijklmnopqrstuvwxyz", 16);
	ck_assert_str_eq(out, "abcdef...tuvwxyz");
	/* "é" is 2 bytes: the head's 6 bytes end inside the fourth */
	iv_brief(out, sizeof out, "a\xc3\xa9\xc3\xa9\xc3\xa9xxxxxxxxxx\xc3\xa9z",
		 16);
	ck_assert_str_eq(out, "a\xc3\xa9\xc3\xa9...xxxx\xc3\xa9z");
	/* the tail's 7 bytes start inside "é": it starts after it */
	iv_brief(out, sizeof out, "abcdefghijklmnopq\xc3\xa9xxxxxx", 16);
	ck_assert_str_eq(out, "abcdef...xxxxxx");
	/* the buffer bounds max */
	iv_brief(out, 12, "abcdefghijklmnopqrstuvwxyz", 64);
	ck_assert_str_eq(out, "abcd...wxyz");
}
END_TEST

START_TEST(escape_never_cuts_an_escape_or_a_character)
{
	/* given room for part of "^[" or of a character, then it stops
	 * before it, terminated */
	char out[8];
	memset(out, 'z', sizeof out);
	ck_assert_uint_eq(iv_escape_str(out, 4, "ab\x1b"), 2);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(iv_escape_str(out, 4, "a\xe2\x86\x92"), 1);
	ck_assert_str_eq(out, "a");
	ck_assert_uint_eq(iv_escape_str(out, 4, "\xff"), 0);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(iv_escape(out, 1, "x", 1), 0);
	ck_assert_str_eq(out, "");
	/* NUL bytes within a length are escaped too */
	ck_assert_uint_eq(iv_escape(out, sizeof out, "a\0b", 3), 4);
	ck_assert_str_eq(out, "a^@b");
	/* in place, cut to the buffer */
	char buf[12] = "x\x1b\x1b\x1b\x1b\x1b";
	iv_escape_inplace(buf, sizeof buf);
	ck_assert_str_eq(buf, "x^[^[^[^[^[");
}
END_TEST

static const struct {
	double bytes;
	const char *text;
} sizes[] = {
	{ 0, "0 bytes" },           { 1, "1 byte" },
	{ 1023, "1023 bytes" },     { 1024, "1.0 KiB" },
	{ 1536, "1.5 KiB" },        { 10485760, "10.0 MiB" },
	{ 1503238553.6, "1.4 GiB" }, { 1099511627776.0, "1.0 TiB" },
};

START_TEST(bytes_in_binary_units)
{
	char buf[64];
	iv_bytes_str(sizes[_i].bytes, buf, sizeof buf);
	ck_assert_str_eq(buf, sizes[_i].text);
}
END_TEST

START_TEST(bytes_pair_reads_differently)
{
	/* given sizes equal to one decimal, then more digits; equal to
	 * three, then the exact counts; far apart, one decimal */
	char a[64], b[64];
	iv_bytes_pair(1.41 * 1073741824, 1.40 * 1073741824, a, b, sizeof a);
	ck_assert_str_eq(a, "1.41 GiB");
	ck_assert_str_eq(b, "1.40 GiB");
	iv_bytes_pair(1503238554, 1503238553, a, b, sizeof a);
	ck_assert_str_eq(a, "1.400 GiB (1503238554 bytes)");
	ck_assert_str_eq(b, "1.400 GiB (1503238553 bytes)");
	iv_bytes_pair(2048, 1024, a, b, sizeof a);
	ck_assert_str_eq(a, "2.0 KiB");
	ck_assert_str_eq(b, "1.0 KiB");
	iv_bytes_pair(1025, 1024, a, b, sizeof a);
	ck_assert(strcmp(a, b) != 0);
}
END_TEST

static char dir[] = "/tmp/iv-utilXXXXXX";

static void write_file(const char *path, const char *text, size_t n)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(text_read_regular_files_up_to_the_cap)
{
	/* given files of cap - 1, cap and cap + 1 bytes (cap 5000: the
	 * buffer grows past its first 4096), then the first two are read
	 * whole and NUL-terminated, the third refused */
	char path[64], err[128], *text, big[5001];
	size_t len;
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/f", dir);
	memset(big, 'x', sizeof big);
	for (size_t n = 4999; n <= 5001; n++) {
		unlink(path);
		write_file(path, big, n);
		int rc = iv_text_read(path, 5000, &text, &len, err, sizeof err);
		if (n <= 5000) {
			ck_assert_int_eq(rc, 0);
			ck_assert_uint_eq(len, n);
			ck_assert_int_eq(text[n], '\0');
			ck_assert(memcmp(text, big, n) == 0);
			free(text);
		} else {
			ck_assert_int_eq(rc, -1);
			ck_assert_ptr_null(text);
			ck_assert_str_eq(err, "is over 4.9 KiB");
		}
	}
	/* NUL bytes are read as they are: the parsers refuse them */
	unlink(path);
	write_file(path, "a\0b", 3);
	ck_assert_int_eq(iv_text_read(path, 10, &text, &len, err, sizeof err),
	                 0);
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(text, "a\0b", 4) == 0);
	free(text);
	/* an empty file is an empty text */
	unlink(path);
	write_file(path, "", 0);
	ck_assert_int_eq(iv_text_read(path, 10, &text, &len, err, sizeof err),
	                 0);
	ck_assert_uint_eq(len, 0);
	free(text);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(text_read_refuses_what_is_not_a_regular_file)
{
	/* given a directory, a FIFO no one writes to, a device, a missing
	 * and an unreadable file, then each is refused at once with why */
	char fifo[64], locked[64], err[128], *text = (char *)1;
	size_t len;
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(iv_text_read(dir, 10, &text, &len, err, sizeof err),
	                 -1);
	ck_assert_str_eq(err, "is a directory");
	ck_assert_ptr_null(text);
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(iv_text_read(fifo, 10, &text, &len, err, sizeof err),
	                 -1);
	ck_assert_str_eq(err, "is a FIFO, not a regular file");
	ck_assert_int_eq(iv_text_read("/dev/zero", 10, &text, &len, err,
	                              sizeof err), -1);
	ck_assert_str_eq(err, "is a device, not a regular file");
	ck_assert_int_eq(iv_text_read("/nonexistent/x", 10, &text, &len, err,
	                              sizeof err), -1);
	ck_assert_str_eq(err, "cannot read: No such file or directory");
	snprintf(locked, sizeof locked, "%s/locked", dir);
	write_file(locked, "x", 1);
	chmod(locked, 0);
	int rc = iv_text_read(locked, 10, &text, &len, err, sizeof err);
	if (geteuid() != 0) { /* root reads it anyway */
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(err, "cannot read: Permission denied");
	} else if (rc == 0) {
		free(text);
	}
	unlink(locked);
	unlink(fifo);
	rmdir(dir);
}
END_TEST

/* --- wrapping --- */

static const struct {
	const char *text;
	int width, lines;
	const char *first; /* the first line */
} wraps[] = {
	{ "hello world", 20, 1, "hello world" },
	{ "hello world", 11, 1, "hello world" },
	{ "hello world", 10, 2, "hello" },
	{ "hello world", 5, 2, "hello" },
	{ "  lead blanks", 20, 1, "lead blanks" },
	{ "abcdefghij", 4, 3, "abcd" }, /* a word longer than the width */
	{ "σ → ∂L/∂h", 5, 2, "σ →" }, /* UTF-8: columns, not bytes */
	{ "", 10, 0, "" },
	{ "   ", 10, 0, "" },
};

START_TEST(wrap_lines)
{
	const char *next;
	size_t len;
	ck_assert_int_eq(iv_wrap_count(wraps[_i].text, wraps[_i].width),
	                 wraps[_i].lines);
	const char *s =
		iv_wrap_line(wraps[_i].text, wraps[_i].width, &len, &next);
	ck_assert_uint_eq(len, strlen(wraps[_i].first));
	ck_assert(strncmp(s, wraps[_i].first, len) == 0);
}
END_TEST

/* Every line, in order: a blank exactly at the width still fits, blanks
 * between lines go, blanks inside a line stay. */
static const struct {
	const char *text;
	int width;
	const char *lines; /* joined by '|' */
} paragraphs[] = {
	{ "initviz --depth=10 --width=300", 12,
	  "initviz|--depth=10|--width=300" },
	{ "one two three", 3, "one|two|thr|ee" },
	{ "one two three", 7, "one two|three" },
	{ "a  b  c", 3, "a|b|c" },
	{ "a  b  c", 4, "a  b|c" },
	{ "tail blanks   ", 20, "tail blanks" },
	{ "∂L/∂h grows ×2 a layer", 11, "∂L/∂h grows|×2 a layer" },
};

START_TEST(wrap_every_line)
{
	char got[128] = "";
	const char *p = paragraphs[_i].text;
	size_t len, at = 0;
	int lines = 0;
	while (*p) {
		const char *s = iv_wrap_line(p, paragraphs[_i].width, &len, &p);
		ck_assert_uint_gt(len, 0);
		ck_assert_uint_lt(at + len + 1, sizeof got);
		at += (size_t)snprintf(got + at, sizeof got - at, "%s%.*s",
		                       lines++ ? "|" : "", (int)len, s);
	}
	ck_assert_str_eq(got, paragraphs[_i].lines);
	ck_assert_int_eq(iv_wrap_count(paragraphs[_i].text,
	                               paragraphs[_i].width),
	                 lines);
}
END_TEST

/* OpenBLAS's choice, what the processor runs, what initviz asks for */
static const struct {
	const char *core;
	bool avx2_fma, avx512;
	const char *want; /* NULL: OpenBLAS's choice stands */
} cores[] = {
	{ "Prescott", true, true, "SkylakeX" }, /* Emerald Rapids, 0.3.21 */
	{ "Prescott", true, false, "Haswell" },
	{ "Prescott", false, false, NULL },     /* right for this processor */
	{ "Sandybridge", true, false, "Haswell" },
	{ "Nehalem", true, true, "SkylakeX" },
	{ "Haswell", true, true, NULL },   /* OpenBLAS may have its reasons */
	{ "Zen", true, false, NULL },
	{ "SkylakeX", true, true, NULL },
	{ "cooperlake", true, true, NULL },
	{ "SapphireRapids", true, true, NULL },
	{ NULL, true, true, NULL },        /* not OpenBLAS */
};

START_TEST(blas_core_only_replaces_a_kernel_older_than_the_processor)
{
	iv_cpu_features f = { cores[_i].avx2_fma, cores[_i].avx512 };
	const char *got = iv_blas_core_better(cores[_i].core, f);
	if (cores[_i].want)
		ck_assert_pstr_eq(got, cores[_i].want);
	else
		ck_assert_msg(!got, "%s: %s", cores[_i].core, got);
}
END_TEST

START_TEST(blas_core_a_set_kernel_stands)
{
	/* given OPENBLAS_CORETYPE set, when picking, then nothing changes
	 * and the program goes on; the replaced kernel is named only when
	 * both variables say so */
	ck_assert_int_eq(setenv("OPENBLAS_CORETYPE", "Prescott", 1), 0);
	unsetenv("INITVIZ_OPENBLAS_REPLACED");
	char *argv[] = { (char *)"test_util", NULL };
	iv_blas_core_pick(argv);
	ck_assert_str_eq(getenv("OPENBLAS_CORETYPE"), "Prescott");
	ck_assert_ptr_null(iv_blas_core_replaced());
	char mine[64], other[64];
	snprintf(mine, sizeof mine, "%ld:Core2", (long)getpid());
	snprintf(other, sizeof other, "%ld:Core2", (long)getpid() + 1);
	ck_assert_int_eq(setenv("INITVIZ_OPENBLAS_REPLACED", mine, 1), 0);
	ck_assert_pstr_eq(iv_blas_core_replaced(), "Core2");
	/* a value set by hand or left by another process names nothing */
	static const char *const not_mine[] = {"Core2", "", ":Core2", "x:Core2"};
	for (size_t i = 0; i < sizeof not_mine / sizeof *not_mine; i++) {
		ck_assert_int_eq(
		    setenv("INITVIZ_OPENBLAS_REPLACED", not_mine[i], 1), 0);
		ck_assert_msg(!iv_blas_core_replaced(), "%s", not_mine[i]);
	}
	ck_assert_int_eq(setenv("INITVIZ_OPENBLAS_REPLACED", other, 1), 0);
	ck_assert_ptr_null(iv_blas_core_replaced());
	snprintf(mine, sizeof mine, "%ld:", (long)getpid());
	ck_assert_int_eq(setenv("INITVIZ_OPENBLAS_REPLACED", mine, 1), 0);
	ck_assert_ptr_null(iv_blas_core_replaced());
	snprintf(mine, sizeof mine, "%ld:Core2", (long)getpid());
	ck_assert_int_eq(setenv("INITVIZ_OPENBLAS_REPLACED", mine, 1), 0);
	unsetenv("OPENBLAS_CORETYPE");
	ck_assert_ptr_null(iv_blas_core_replaced());
	unsetenv("INITVIZ_OPENBLAS_REPLACED");
}
END_TEST

/* Columns a character at a time and in a terminal's cells: a wide
 * character two, a combining mark none, in any locale. */
static const struct {
	const char *text;
	int chars, cells;
} widths[] = {
	{ "plain", 5, 5 },
	{ "σ → ∂L/∂h", 9, 9 },
	{ "初始化", 3, 6 },                     /* CJK */
	{ "ｗｉｄｅ", 4, 8 },                   /* fullwidth forms */
	{ "🙂 ok", 4, 5 },                      /* emoji, outside the BMP */
	{ "e\xcc\x81", 2, 1 },                  /* e + U+0301 */
	{ "cafe\xcc\x81 caf\xc3\xa9", 10, 9 }, /* decomposed, composed */
	{ "a\xe2\x80\x8b" "b", 3, 2 },          /* U+200B zero width space */
	{ "\xe3\x81\x8b\xe3\x82\x99", 2, 2 },   /* kana + combining voicing */
	{ "\xff\xfe", 2, 2 },                   /* not UTF-8: one a byte */
	{ "a\tb\x1b", 6, 6 },                   /* controls: "^I", "^[" */
};

START_TEST(columns_of_wide_and_combining_characters)
{
	ck_assert_int_eq(iv_cols(widths[_i].text, IV_COLS_CHARS),
	                 widths[_i].chars);
	ck_assert_int_eq(iv_cols(widths[_i].text, IV_COLS_CELLS),
	                 widths[_i].cells);
}
END_TEST

/* Wrapped in cells, every line: a wide character whole on one line or
 * the next, never half past the width; Chinese without blanks broken
 * between characters, never before "，" or "。"; a combining mark with its
 * letter; a wide character wider than the line gives no line at all. */
static const struct {
	const char *text;
	int width;
	const char *lines; /* joined by '|' */
} cell_paragraphs[] = {
	{ "初始化 🙂 wide", 6, "初始化|🙂|wide" },
	{ "权重初始化决定信号", 5, "权重|初始|化决|定信|号" },
	{ "权重初始化决定信号", 6, "权重初|始化决|定信号" },
	{ "如果方差太小，信号", 6, "如果方|差太|小，信|号" },
	{ "信号会爆炸。好", 10, "信号会爆|炸。好" }, /* "。" not alone */
	{ "see 初始化 now", 8, "see 初始|化 now" },
	{ "ＦｕｌｌＷｉｄｔｈ", 7, "Ｆｕｌ|ｌＷｉ|ｄｔｈ" },
	{ "cafe\xcc\x81 ok", 4, "cafe\xcc\x81|ok" },
	{ "e\xcc\x81\xcc\x81\xcc\x81" "e\xcc\x81", 1,
	  "e\xcc\x81\xcc\x81\xcc\x81|e\xcc\x81" },
	{ "ab🙂", 3, "ab|🙂" },
};

START_TEST(wrap_in_cells_every_line)
{
	char got[256] = "";
	const char *p = cell_paragraphs[_i].text;
	size_t len, at = 0;
	int lines = 0, w = cell_paragraphs[_i].width;
	while (*p) {
		const char *s = iv_wrap_line_in(p, w, IV_COLS_CELLS, &len, &p);
		ck_assert_uint_gt(len, 0);
		ck_assert_int_le(iv_cols_n(s, len, IV_COLS_CELLS), w);
		ck_assert_uint_lt(at + len + 1, sizeof got);
		at += (size_t)snprintf(got + at, sizeof got - at, "%s%.*s",
		                       lines++ ? "|" : "", (int)len, s);
	}
	ck_assert_str_eq(got, cell_paragraphs[_i].lines);
	ck_assert_int_eq(iv_wrap_count_in(cell_paragraphs[_i].text, w,
	                                  IV_COLS_CELLS),
	                 lines);
}
END_TEST

START_TEST(a_wide_character_wider_than_the_line_gives_no_line)
{
	const char *next;
	size_t len = 9;
	iv_wrap_line_in("初始", 1, IV_COLS_CELLS, &len, &next);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(iv_wrap_count_in("初始", 1, IV_COLS_CELLS), 0);
	/* a character at a time, the same text is two lines of one */
	ck_assert_int_eq(iv_wrap_count("初始", 1), 2);
}
END_TEST

START_TEST(wrap_to_no_width_gives_no_lines)
{
	ck_assert_int_eq(iv_wrap_count("some text", 0), 0);
	ck_assert_int_eq(iv_wrap_count("some text", -3), 0);
}
END_TEST

START_TEST(percentages_never_round_to_all_or_none)
{
	static const struct {
		double f;
		int d;
		const char *text;
	} c[] = {
	    {0.12, 0, "12%"},      {0.004, 1, "0.4%"},   {0, 0, "0%"},
	    {1, 0, "100%"},        {0, 1, "0.0%"},       {1, 1, "100.0%"},
	    {0.004, 0, "<1%"},     {0.0004, 1, "<0.1%"}, {0.996, 0, ">99%"},
	    {0.9996, 1, ">99.9%"}, {0.994, 0, "99%"},    {0.006, 0, "1%"},
	    {1e-300, 1, "<0.1%"},  {NAN, 0, "?"},        {0.5, 3, "50.000%"},
	};
	char b[32];
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		ck_assert_str_eq(iv_percent(b, sizeof b, c[i].f, c[i].d),
				 c[i].text);
}
END_TEST

START_TEST(a_number_from_its_logarithm)
{
	/* given base-10 logarithms of numbers a double cannot hold, then
	 * the text %g would write for them; a mantissa that rounds up to 10
	 * moves the exponent */
	static const struct {
		double e;
		int digits;
		const char *text;
	} c[] = {
	    {-340 + 0.90308998699194354, 1, "8e-340"},
	    {-340 + 0.90308998699194354, 3, "8e-340"},
	    {-400 + 0.096910013008056, 3, "1.25e-400"},
	    {400.5, 2, "3.2e+400"},
	    {-1e-9, 3, "1e+00"},
	    {2, 1, "1e+02"},
	    {NAN, 3, "nan"},
	    {-INFINITY, 3, "0"},
	};
	char b[32];
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		ck_assert_str_eq(iv_pow10_text(b, sizeof b, c[i].e, c[i].digits),
				 c[i].text);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");
	tcase_set_timeout(tc, 10);
	tcase_add_loop_test(tc, escape_table, 0, LEN(escapes));
	tcase_add_test(tc, escape_never_cuts_an_escape_or_a_character);
	tcase_add_test(tc, brief_keeps_both_ends_and_whole_characters);
	tcase_add_loop_test(tc, bytes_in_binary_units, 0, LEN(sizes));
	tcase_add_test(tc, bytes_pair_reads_differently);
	tcase_add_test(tc, text_read_regular_files_up_to_the_cap);
	tcase_add_test(tc, text_read_refuses_what_is_not_a_regular_file);
	tcase_add_loop_test(tc, wrap_lines, 0, LEN(wraps));
	tcase_add_loop_test(tc, wrap_every_line, 0, LEN(paragraphs));
	tcase_add_test(tc, wrap_to_no_width_gives_no_lines);
	tcase_add_loop_test(tc, columns_of_wide_and_combining_characters, 0,
	                    LEN(widths));
	tcase_add_loop_test(tc, wrap_in_cells_every_line, 0,
	                    LEN(cell_paragraphs));
	tcase_add_test(tc, a_wide_character_wider_than_the_line_gives_no_line);
	tcase_add_loop_test(tc,
			    blas_core_only_replaces_a_kernel_older_than_the_processor,
			    0, LEN(cores));
	tcase_add_test(tc, blas_core_a_set_kernel_stands);
	tcase_add_test(tc, percentages_never_round_to_all_or_none);
	tcase_add_test(tc, a_number_from_its_logarithm);
	suite_add_tcase(s, tc);
	return s;
}
