/* SPDX-License-Identifier: MIT */
/* Messages of the engine's status codes. */
#include <initviz/status.h>

static const char *const messages[] = {
#define IV_X(code, msg) [code] = msg,
    IV_STATUS_LIST(IV_X)
#undef IV_X
};

const char *iv_status_str(iv_status st)
{
	if ((unsigned)st >= IV_STATUS_COUNT)
		return "unknown status";
	return messages[st];
}
