/* local.h - the embedded provider behind the "local:" target: the machine
 * cimtui runs on, read live from /proc, /sys and system files, shaped as
 * DMTF CIM classes in root/cimv2 and root/interop.
 *
 * Environment (read when an operation starts):
 *   CIMTUI_LOCAL_DPKG_STATUS  path of the dpkg status database used for
 *       Linux_SoftwareIdentity (default /var/lib/dpkg/status).  When the
 *       variable is set and the file cannot be read, operations that need
 *       packages fail with MI_RESULT_ACCESS_DENIED naming the path; when the
 *       default file is absent (no dpkg) there are simply no packages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_LOCAL_H
#define CIMTUI_ENGINE_LOCAL_H

#include "operation.h"

extern const struct mix_protocol mix_protocol_local;

#endif
