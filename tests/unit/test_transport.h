/* test_transport.h - an in-process protocol ("TEST") that produces
 * scripted results, so the operation machinery is tested without a
 * network.  The script is the destination URL:
 *   test:count=N;delay_ms=D;stall_after=K;error=CODE;details=1;props=P;single=1
 * count        results to produce (default 3)
 * delay_ms     wait before each result (engine timer, not a sleep)
 * stall_after  produce K results, then nothing until cancelled
 * error        final result code (default 0)
 * details      1: the error carries a server-made CIM_Error (OwningEntity "test")
 * props        properties per instance (default 2: Index, Name)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TESTS_TEST_TRANSPORT_H
#define CIMTUI_TESTS_TEST_TRANSPORT_H

#include "mi.h"
#include "operation.h"

extern const struct mix_protocol test_transport;
void test_transport_register(void);
/* Counters over every operation since the last reset (atomic). */
long test_transport_produced(void);  /* results posted */
long test_transport_live(void);      /* started and not yet stopped */
long test_transport_stops(void);     /* stop() calls */
void test_transport_reset(void);

#endif
