/* SPDX-License-Identifier: MIT */
/* Status codes returned by every engine call, with their messages. */
#ifndef INITVIZ_STATUS_H
#define INITVIZ_STATUS_H

/* One list: code, message. IV_OK must stay first (value 0). */
#define IV_STATUS_LIST(X)                                                     \
	X(IV_OK, "success")                                                   \
	X(IV_CONTINUE, "computation not finished")                            \
	X(IV_ENOMEM, "out of memory")                                         \
	X(IV_ETOOBIG, "configuration needs more memory than the limit")       \
	X(IV_EINVAL, "invalid configuration")                                 \
	X(IV_EGSL, "numerical library error")

typedef enum {
#define IV_STATUS_ENUM(code, msg) code,
	IV_STATUS_LIST(IV_STATUS_ENUM)
#undef IV_STATUS_ENUM
	IV_STATUS_COUNT
} iv_status;

/* A static string describing st; never NULL. */
const char *iv_status_str(iv_status st);

#endif
