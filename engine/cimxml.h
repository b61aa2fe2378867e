/* cimxml.h - the CIM-XML protocol (DSP0200 over HTTP) for libcimengine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_CIMXML_H
#define CIMTUI_ENGINE_CIMXML_H

#include "operation.h"

/* Name "CIMXML"; destinations http(s)://host[:port][/path] (default
 * ports 5988/5989, default path /cimom). */
extern const struct mix_protocol mix_protocol_cimxml;

#endif
