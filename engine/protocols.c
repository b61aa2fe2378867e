/* protocols.c - the protocols built into libcimengine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"
#include "local.h"
#include "cimxml.h"

const struct mix_protocol *const mix_builtin_protocols[] = {
	&mix_protocol_local,
	&mix_protocol_cimxml,
	NULL,
};
