#!/usr/bin/env python3
"""Self-test of the test CIM server; prints TAP, exits 0 only if all pass.

Starts cimomd.py on free ports (subprocesses it kills by pid), replays
request bodies from the captures of real servers, and checks replies,
switches and quirks with raw sockets (trailers, 400 traps and stalls need
byte-level control that http.client does not give).
"""

import base64
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, 'cimomd.py')
CAPTURES = os.environ.get('CIMTUI_CAPTURES', os.path.join(
    HERE, '..', '..', '..', 'shared', 'captures', 'cimxml'))
if not os.path.isdir(CAPTURES):
    CAPTURES = '/work/shared/captures/cimxml'

STARTED = []


class Srv:
    def __init__(self, *args):
        self.proc = subprocess.Popen([sys.executable, SERVER, '--lifetime', '120'] + list(args),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        STARTED.append(self.proc)
        line = self.proc.stdout.readline().decode()
        m = re.match(r'listening (https?)://127\.0\.0\.1:(\d+)$', line.strip())
        if not m:
            raise RuntimeError('bad first line %r: %s' % (line, self.proc.stderr.read(2000)))
        self.scheme, self.port = m.group(1), int(m.group(2))

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# ------------------------------------------------------------ raw client

def body_of(name, ns=None, sub=()):
    """A capture's request body, optionally with another namespace."""
    for d in ('sfcb-1.3', 'openpegasus', 'sfcb-1.4'):
        p = os.path.join(CAPTURES, d, name + '.request.xml')
        if os.path.exists(p):
            b = open(p, 'rb').read()
            break
    else:
        raise FileNotFoundError(name)
    if ns:
        b = re.sub(rb'<LOCALNAMESPACEPATH>.*?</LOCALNAMESPACEPATH>', b'<LOCALNAMESPACEPATH>' + b''.join(
            b'<NAMESPACE NAME="%s"/>' % p.encode() for p in ns.split('/')) + b'</LOCALNAMESPACEPATH>', b)
    for a, c in sub:
        b = b.replace(a.encode(), c.encode())
    return b


def imethod(name, ns, params='', msgid='1'):
    lns = ''.join('<NAMESPACE NAME="%s"/>' % p for p in ns.split('/'))
    return ('<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.0">'
            '<MESSAGE ID="%s" PROTOCOLVERSION="1.0"><SIMPLEREQ><IMETHODCALL NAME="%s">'
            '<LOCALNAMESPACEPATH>%s</LOCALNAMESPACEPATH>%s</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>'
            % (msgid, name, lns, params)).encode('utf-8')


def pv(name, inner):
    return '<IPARAMVALUE NAME="%s">%s</IPARAMVALUE>' % (name, inner)


def cn(c):
    return '<CLASSNAME NAME="%s"/>' % c


def v(x):
    return '<VALUE>%s</VALUE>' % x


def iname(cls, **keys):
    return '<INSTANCENAME CLASSNAME="%s">%s</INSTANCENAME>' % (cls, ''.join(
        '<KEYBINDING NAME="%s"><KEYVALUE VALUETYPE="string">%s</KEYVALUE></KEYBINDING>' % kv
        for kv in keys.items()))


class Resp:
    pass


def read_response(sock, head_only=False, timeout=10):
    sock.settimeout(timeout)
    f = sock.makefile('rb')
    r = Resp()
    status = f.readline()
    r.status = int(status.split()[1])
    r.headers, r.raw_headers, r.trailers = {}, [], {}
    while True:
        line = f.readline()
        if line in (b'\r\n', b'\n', b''):
            break
        k, _, val = line.decode('latin-1').partition(':')
        r.raw_headers.append((k, val.strip()))
        r.headers[k.strip().lower()] = val.strip()
    r.body = b''
    if head_only:
        r.file = f
        return r
    if 'chunked' in r.headers.get('transfer-encoding', '').lower():
        parts = []
        while True:
            size = int(f.readline().strip() or b'0', 16)
            if size == 0:
                while True:
                    line = f.readline()
                    if line in (b'\r\n', b'\n', b''):
                        break
                    k, _, val = line.decode('latin-1').partition(':')
                    r.trailers[k.strip().lower()] = val.strip()
                break
            parts.append(f.read(size))
            f.readline()
        r.body = b''.join(parts)
    elif 'content-length' in r.headers:
        r.body = f.read(int(r.headers['content-length']))
    elif r.headers.get('connection', '').lower() == 'close':
        r.body = f.read()
    r.file = f
    return r


def send(port, body, method=None, ns=None, headers=None, sock=None, head_only=False,
         omit=(), tls=False, timeout=10):
    """POST body to /cimom; CIM headers derived from the body unless given."""
    if method is None:
        m = re.search(rb'<I?METHODCALL NAME="([^"]+)"', body)
        method = m.group(1).decode() if m else 'X'
    if ns is None:
        ns = '/'.join(x.decode() for x in re.findall(rb'<NAMESPACE NAME="([^"]+)"/>', body)) or 'root'
    h = {'Host': '127.0.0.1:%d' % port, 'Content-Type': 'application/xml; charset="utf-8"',
         'CIMOperation': 'MethodCall', 'CIMMethod': method,
         'CIMObject': ns.replace('/', '%2F'), 'Content-Length': str(len(body))}
    h.update(headers or {})
    for k in omit:
        h.pop(k, None)
    own = sock is None
    if own:
        sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        if tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            sock = ctx.wrap_socket(sock)
    req = 'POST /cimom HTTP/1.1\r\n' + ''.join('%s: %s\r\n' % kv for kv in h.items()) + '\r\n'
    sock.sendall(req.encode('latin-1') + body)
    r = read_response(sock, head_only, timeout)
    r.sock = sock
    if own and not head_only:
        sock.close()
    return r


def xml(r):
    return ET.fromstring(r.body)


def error_of(r):
    e = xml(r).find('.//ERROR')
    return None if e is None else e


def items(r, tag):
    return xml(r).findall('.//IRETURNVALUE/' + tag)


def paramvalues(r):
    return {p.get('NAME'): (p.findtext('VALUE') or '') for p in xml(r).findall('.//PARAMVALUE')}


# ----------------------------------------------------------------- tests

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def check(cond, what=''):
    if not cond:
        raise AssertionError(what)


S = {}     # shared servers


@test
def classic_enumerate_class_names():
    r = send(S['d'].port, body_of('01_EnumerateClassNames_root-test_deep'))
    names = [c.get('NAME') for c in items(r, 'CLASSNAME')]
    check(r.status == 200 and 'TEST_Widget' in names and 'TST_Bulk' in names, names)
    check(r.headers['content-type'] == 'application/xml; charset="utf-8"')
    check(r.headers['cimoperation'] == 'MethodResponse')


@test
def get_class_qualifiers_origin_and_localonly():
    r = send(S['d'].port, body_of('04_GetClass_TEST_Widget'))
    c = items(r, 'CLASS')[0]
    props = {p.get('NAME'): p for p in c if p.tag.startswith('PROPERTY')}
    check('Caption' in props and props['Caption'].get('CLASSORIGIN') == 'CIM_ManagedElement')
    check(props['InstanceID'].find("QUALIFIER[@NAME='Key']") is not None)
    check(props['Health'].find("QUALIFIER[@NAME='ValueMap']/VALUE.ARRAY") is not None)
    b = imethod('GetClass', 'root/test', pv('ClassName', cn('TST_Disk')) +
                pv('PropertyList', '<VALUE.ARRAY><VALUE>Capacity</VALUE></VALUE.ARRAY>'))
    c = items(send(S['d'].port, b), 'CLASS')[0]
    check([p.get('NAME') for p in c if p.tag.startswith('PROPERTY')] == ['Capacity'])
    check(c.get('SUPERCLASS') == 'TST_Device')
    b = imethod('GetClass', 'root/test', pv('ClassName', cn('CIM_EnabledLogicalElement')))
    c = items(send(S['d'].port, b), 'CLASS')[0]
    check(c.find("METHOD[@NAME='RequestStateChange']/PARAMETER.REFERENCE") is not None)
    check(c.find("QUALIFIER[@NAME='Abstract']") is not None)


@test
def enumerate_classes_deep_hierarchy():
    b = imethod('EnumerateClassNames', 'root/test', pv('ClassName', cn('CIM_ManagedElement')) +
                pv('DeepInheritance', v('TRUE')))
    names = [c.get('NAME') for c in items(send(S['d'].port, b), 'CLASSNAME')]
    check({'CIM_ManagedSystemElement', 'CIM_LogicalElement', 'CIM_EnabledLogicalElement',
           'TST_Device', 'TST_Disk'} <= set(names), names)
    b = imethod('EnumerateClasses', 'root/test', pv('ClassName', cn('TST_Device')))
    check([c.get('NAME') for c in items(send(S['d'].port, b), 'CLASS')] == ['TST_Disk'])


@test
def enumerate_instances_and_names():
    r = send(S['d'].port, body_of('07_EnumerateInstances_TEST_Widget_root-test'))
    insts = items(r, 'VALUE.NAMEDINSTANCE')
    check(len(insts) == 20)
    check(insts[3].find(".//PROPERTY[@NAME='Weight']/VALUE").text == '58.229')
    r = send(S['d'].port, body_of('06_EnumerateInstanceNames_TEST_WidgetGroup'))
    check([k.get('NAME') for k in xml(r).iter('KEYBINDING')] == ['InstanceID'] * 2)
    r = send(S['d'].port, imethod('EnumerateInstances', 'root/test', pv('ClassName', cn('TST_Device'))
                                  + pv('DeepInheritance', v('FALSE'))))
    insts = items(r, 'VALUE.NAMEDINSTANCE')
    check(len(insts) == 4 and insts[1].find(".//PROPERTY[@NAME='Capacity']") is None)


@test
def get_instance_keys_of_several_types():
    r = send(S['d'].port, body_of('08_GetInstance_TEST_Widget_W00003'))
    check(items(r, 'INSTANCE')[0].find(".//PROPERTY[@NAME='Index']/VALUE").text == '3')
    r = send(S['d'].port, imethod('EnumerateInstanceNames', 'root/test', pv('ClassName', cn('TST_MultiKey'))))
    n = items(r, 'INSTANCENAME')[1]
    types = {k.get('NAME'): k.find('KEYVALUE').get('TYPE') for k in n}
    check(types == {'Name': 'string', 'Id': 'uint32', 'Slot': 'uint16', 'Active': 'boolean',
                    'Since': 'datetime'}, types)
    r = send(S['d'].port, imethod('GetInstance', 'root/test', pv('InstanceName', ET.tostring(n).decode())))
    check(items(r, 'INSTANCE')[0].find(".//PROPERTY[@NAME='Note']/VALUE").text == 'multi-key 1')


@test
def type_zoo_values():
    r = send(S['d'].port, imethod('GetInstance', 'root/test', pv('InstanceName', iname(
        'TST_AllTypes', InstanceID='all-1'))))
    i = items(r, 'INSTANCE')[0]

    def val(p):
        return i.find(".//*[@NAME='%s']" % p)
    check(val('Text').findtext('VALUE') == 'Grüße, 日本語 ✓')
    check(val('U64').findtext('VALUE') == '18446744073709551615')
    check(val('S64Min').findtext('VALUE') == '-9223372036854775808')
    check(val('C16').get('TYPE') == 'char16' and val('R32').get('TYPE') == 'real32')
    check(val('Interval').findtext('VALUE')[21] == ':')
    check(val('EmptyArray').find('VALUE.ARRAY') is not None and len(val('EmptyArray').find('VALUE.ARRAY')) == 0)
    check(val('ArrayWithNull').find('VALUE.ARRAY/VALUE.NULL') is not None)
    check(val('NullString').find('VALUE') is None)
    check(val('Multiline').findtext('VALUE') == 'line1\nline2\r\n\ttabbed  ')
    emb = val('Embedded')
    check(emb.get('EmbeddedObject') == 'instance')
    inner = ET.fromstring(emb.findtext('VALUE'))
    check(inner.get('CLASSNAME') == 'TST_Embedded' and inner.find(".//VALUE").text == 'inner <1>')


@test
def associations_and_filters():
    p = S['d'].port
    r = send(p, body_of('10_AssociatorNames_Widget_W00004'))
    check([k.text for k in xml(r).iter('KEYVALUE')] == ['G00'])
    check(xml(r).find('.//OBJECTPATH/INSTANCEPATH/NAMESPACEPATH/HOST') is not None)
    check(len(items(send(p, body_of('11_References_Widget_W00004')), 'VALUE.OBJECTWITHPATH')) == 1)
    check(len(items(send(p, body_of('12_ReferenceNames_Group_G00')), 'OBJECTPATH')) == 10)
    disk = iname('TST_Disk', CreationClassName='TST_Disk', DeviceID='sda')

    def assoc(extra):
        r = send(p, imethod('AssociatorNames', 'root/test', pv('ObjectName', disk) + extra))
        return sorted(i.get('CLASSNAME') for i in xml(r).iter('INSTANCENAME'))
    check(assoc('') == ['TST_ComputerSystem', 'TST_Disk'])
    check(assoc(pv('AssocClass', cn('TST_DiskBackup'))) == ['TST_Disk'])
    check(assoc(pv('ResultClass', cn('TST_ComputerSystem'))) == ['TST_ComputerSystem'])
    check(assoc(pv('Role', v('Dependent'))) == [])
    check(assoc(pv('Role', v('Antecedent')) + pv('ResultRole', v('Dependent'))) == ['TST_Disk'])
    r = send(p, imethod('Associators', 'root/test', pv('ObjectName', cn('TST_Disk'))))
    check({c.get('NAME') for c in xml(r).iter('CLASS')} == {'TST_ComputerSystem', 'TST_Disk'})


@test
def interop_namespaces_object_manager_profiles():
    p = S['d'].port
    r = send(p, body_of('13_EnumerateInstances_CIM_Namespace_interop'))
    names = {i.find(".//PROPERTY[@NAME='Name']/VALUE").text for i in xml(r).iter('INSTANCE')}
    check({'root/cimv2', 'root/test', 'root/interop'} <= names, names)
    check(len(items(send(p, body_of('14_EnumerateInstances_CIM_ObjectManager_interop')),
                    'VALUE.NAMEDINSTANCE')) == 1)
    check(len(items(send(p, body_of('15_EnumerateInstances_CIM_RegisteredProfile_interop')),
                    'VALUE.NAMEDINSTANCE')) >= 2)
    r = send(p, body_of('17_EnumerateInstanceNames___Namespace_root'))
    check(len(items(r, 'INSTANCENAME')) == 3)


@test
def cim_errors_status_codes():
    p = S['d'].port
    for name, code in [('30_error_GetClass_bad_namespace', 3), ('32_error_GetClass_bad_class', 6),
                       ('33_error_EnumerateInstances_bad_class', 5),
                       ('34_error_GetInstance_not_found', 6),
                       ('35_error_unknown_intrinsic_method', 7),
                       ('41_error_invalid_parameter_name', 4)]:
        e = error_of(send(p, body_of(name)))
        check(e is not None and e.get('CODE') == str(code), name)
        check(len(e) == 0, 'plain errors carry no CIM_Error (only --error does)')
        check(e.get('DESCRIPTION').startswith('CIM_ERR_'), name)


@test
def http_level_rejections():
    p = S['d'].port
    r = send(p, body_of('36_error_malformed_xml'))
    check(r.status == 400 and r.headers.get('cimerror') == 'request-not-well-formed')
    r = send(p, body_of('37_error_missing_CIMOperation_header'), omit=['CIMOperation'])
    check(r.status == 400 and 'cimerror' in r.headers)
    r = send(p, body_of('40_error_CIMMethod_header_mismatch'), method='GetClass')
    check(r.status == 400 and r.headers.get('cimerror') == 'header-mismatch')
    check('pgerrordetail' in r.headers)
    r = send(p, imethod('EnumerateClassNames', 'root/test'), ns='root/cimv2')
    check(r.status == 400 and r.headers.get('cimerror') == 'header-mismatch')
    bomb = (b'<?xml version="1.0"?><!DOCTYPE CIM [<!ENTITY a "aaaa">]><CIM><MESSAGE ID="1">'
            b'<SIMPLEREQ><IMETHODCALL NAME="EnumerateClassNames"><LOCALNAMESPACEPATH>'
            b'<NAMESPACE NAME="root"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>')
    r = send(p, bomb)
    check(r.status == 400, r.status)


@test
def keep_alive_and_expect_100_continue():
    p = S['d'].port
    sock = socket.create_connection(('127.0.0.1', p))
    b = body_of('06_EnumerateInstanceNames_TEST_WidgetGroup')
    r1 = send(p, b, sock=sock)
    r2 = send(p, b, sock=sock)
    check(r1.status == r2.status == 200 and r1.body == r2.body)
    hdr = ('POST /cimom HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nCIMOperation: '
           'MethodCall\r\nCIMMethod: EnumerateInstanceNames\r\nCIMObject: root/test\r\n'
           'Expect: 100-continue\r\nContent-Length: %d\r\n\r\n' % len(b)).encode()
    sock.sendall(hdr)
    sock.settimeout(5)
    first = sock.recv(100)
    check(first.startswith(b'HTTP/1.1 100'), first)
    sock.sendall(b)
    data = b''
    while b'</CIM>' not in data:
        data += sock.recv(65536)
    check(b'200 OK' in data)
    sock.close()


@test
def exec_query_wql_and_languages():
    p = S['d'].port
    q = pv('QueryLanguage', v('WQL')) + pv('Query', v(
        'SELECT InstanceID, Index FROM TEST_Widget WHERE Index &lt; 5 AND Enabled = TRUE'))
    r = send(p, imethod('ExecQuery', 'root/test', q))
    objs = items(r, 'VALUE.OBJECTWITHPATH')
    check(len(objs) == 2, len(objs))
    check({x.get('NAME') for x in objs[0].find('INSTANCE')} == {'InstanceID', 'Index'})
    q = pv('QueryLanguage', v('DMTF:CQL')) + pv('Query', v("SELECT * FROM TST_Disk WHERE Vendor = 'ACME'"))
    check(len(items(send(p, imethod('ExecQuery', 'root/test', q)), 'VALUE.OBJECTWITHPATH')) == 1)
    q = pv('QueryLanguage', v('XQL')) + pv('Query', v('SELECT * FROM TST_Disk'))
    check(error_of(send(p, imethod('ExecQuery', 'root/test', q))).get('CODE') == '14')
    q = pv('QueryLanguage', v('WQL')) + pv('Query', v('SELEKT nothing'))
    check(error_of(send(p, imethod('ExecQuery', 'root/test', q))).get('CODE') == '15')


def methodcall(name, ns, target, params=''):
    lns = ''.join('<NAMESPACE NAME="%s"/>' % x for x in ns.split('/'))
    return ('<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0">'
            '<MESSAGE ID="9" PROTOCOLVERSION="1.0"><SIMPLEREQ><METHODCALL NAME="%s">%s%s'
            '</METHODCALL></SIMPLEREQ></MESSAGE></CIM>' % (name, target % lns, params)).encode()


@test
def invoke_method():
    p = S['d'].port
    cls_target = '<LOCALCLASSPATH><LOCALNAMESPACEPATH>%s</LOCALNAMESPACEPATH><CLASSNAME NAME="TST_Calculator"/></LOCALCLASSPATH>'
    b = methodcall('Add', 'root/test', cls_target,
                   '<PARAMVALUE NAME="A" PARAMTYPE="sint32"><VALUE>3</VALUE></PARAMVALUE>'
                   '<PARAMVALUE NAME="B" PARAMTYPE="sint32"><VALUE>-10</VALUE></PARAMVALUE>')
    r = send(p, b, ns='root/test:TST_Calculator')
    doc = xml(r)
    check(doc.find('.//METHODRESPONSE/RETURNVALUE/VALUE').text == '0')
    check(doc.find(".//PARAMVALUE[@NAME='Sum']/VALUE").text == '-7')
    inst_target = ('<LOCALINSTANCEPATH><LOCALNAMESPACEPATH>%s</LOCALNAMESPACEPATH>'
                   + iname('TST_Calculator', Name='calc') + '</LOCALINSTANCEPATH>')
    b = methodcall('Echo', 'root/test', inst_target,
                   '<PARAMVALUE NAME="Text"><VALUE>Grüße</VALUE></PARAMVALUE>')
    doc = xml(send(p, b, ns='root/test:TST_Calculator.Name="calc"'))
    check(doc.find('.//RETURNVALUE/VALUE').text == 'Grüße')
    check(doc.find(".//PARAMVALUE[@NAME='Reversed']/VALUE").text == 'eßürG')
    doc = xml(send(p, methodcall('Describe', 'root/test', inst_target), ns='root/test:TST_Calculator'))
    check(ET.fromstring(doc.find(".//PARAMVALUE[@NAME='Info']/VALUE").text).get('CLASSNAME') == 'TST_Embedded')
    e = error_of(send(p, methodcall('Frobnicate', 'root/test', inst_target), ns='root/test:TST_Calculator'))
    check(e.get('CODE') == '17')


def pull_all(port, ns, open_body, pull_name='PullInstancesWithPath', tag='VALUE.INSTANCEWITHPATH',
             n=5):
    r = send(port, open_body)
    got = len(items(r, tag))
    pages = [got]
    pvs = paramvalues(r)
    while pvs['EndOfSequence'] == 'FALSE':
        check(pvs['EnumerationContext'], 'context expected')
        r = send(port, imethod(pull_name, ns, pv('EnumerationContext', v(pvs['EnumerationContext']))
                               + pv('MaxObjectCount', v(n))))
        k = len(items(r, tag))
        pages.append(k)
        pvs = paramvalues(r)
    check(pvs['EnumerationContext'] == '')
    return pages


@test
def pull_open_enumerate_pegasus_capture():
    pages = pull_all(S['d'].port, 'root/cimv2', body_of('peg_p01_OpenEnumerateInstances_TEST_Widget_max5'))
    check(pages == [5, 5, 5, 5], pages)


@test
def pull_close_and_invalid_contexts():
    p = S['d'].port
    r = send(p, body_of('peg_p07_OpenEnumerateInstances_max2_then_close'))
    ctx = paramvalues(r)['EnumerationContext']
    check(len(items(r, 'VALUE.INSTANCEWITHPATH')) == 2 and ctx)
    r = send(p, imethod('CloseEnumeration', 'root/cimv2', pv('EnumerationContext', v(ctx))))
    check(r.status == 200 and error_of(r) is None and xml(r).find('.//IMETHODRESPONSE') is not None)
    r = send(p, imethod('PullInstancesWithPath', 'root/cimv2', pv('EnumerationContext', v(ctx)) +
                        pv('MaxObjectCount', v(5))))
    check(error_of(r).get('CODE') == '21')
    check(error_of(send(p, body_of('peg_p10_error_PullInstancesWithPath_bogus_context'))).get('CODE') == '21')
    check(error_of(send(p, body_of('peg_p13_error_OpenEnumerateInstances_bad_class'))).get('CODE') == '5')
    check(error_of(send(p, body_of('peg_p14_error_OpenEnumerateInstances_bad_namespace'))).get('CODE') == '3')


@test
def pull_paths_query_assoc_refs_filter():
    p = S['d'].port
    b = imethod('OpenEnumerateInstancePaths', 'root/test', pv('ClassName', cn('TEST_Widget')) +
                pv('MaxObjectCount', v(3)))
    check(sum(pull_all(p, 'root/test', b, 'PullInstancePaths', 'INSTANCEPATH', 100)) == 20)
    b = imethod('OpenQueryInstances', 'root/test', pv('FilterQueryLanguage', v('WQL')) +
                pv('FilterQuery', v('SELECT * FROM TEST_Widget WHERE Index &gt;= 15')) +
                pv('MaxObjectCount', v(2)))
    check(pull_all(p, 'root/test', b, 'PullInstances', 'INSTANCE', 2) == [2, 2, 1])
    b = body_of('s14_p09_OpenAssociatorInstances_G01')
    check(sum(pull_all(p, 'root/test', b)) == 10)
    b = body_of('s14_p10_OpenReferenceInstances_W00004')
    check(sum(pull_all(p, 'root/test', b)) == 1)
    b = body_of('s14_p15_error_OpenEnumerateInstances_FilterQuery_unsupported')
    check(sum(pull_all(p, 'root/test', b)) == 3)
    b = imethod('OpenEnumerateInstances', 'root/test', pv('ClassName', cn('TEST_Widget')) +
                pv('MaxObjectCount', v(0)))
    r = send(p, b)
    check(len(items(r, 'VALUE.INSTANCEWITHPATH')) == 0 and paramvalues(r)['EndOfSequence'] == 'FALSE')


@test
def bulk_is_lazy_and_fast():
    t0 = time.time()
    srv = Srv('--bulk', '2000000')
    check(time.time() - t0 < 3, 'slow start')
    b = imethod('EnumerateInstances', 'root/test', pv('ClassName', cn('TST_Bulk')))
    r = send(srv.port, b, head_only=True)
    check(r.status == 200 and r.headers.get('transfer-encoding') == 'chunked')
    first = r.file.read(65536)
    check(b'BULK-00000000' in first and time.time() - t0 < 5)
    r.sock.close()
    # Pull over the same lazy provider: page in the middle of 2M rows.
    b = imethod('OpenEnumerateInstances', 'root/test', pv('ClassName', cn('TST_Bulk')) +
                pv('MaxObjectCount', v(1000)))
    r = send(srv.port, b)
    check(len(items(r, 'VALUE.INSTANCEWITHPATH')) == 1000)
    ctx = paramvalues(r)['EnumerationContext']
    r = send(srv.port, imethod('PullInstancesWithPath', 'root/test', pv('EnumerationContext', v(ctx))
                               + pv('MaxObjectCount', v(1000))))
    last = items(r, 'VALUE.INSTANCEWITHPATH')[-1]
    check(last.find('.//KEYVALUE').text == 'BULK-00001999')
    r = send(srv.port, imethod('GetInstance', 'root/test', pv('InstanceName', iname(
        'TST_Bulk', InstanceID='BULK-01999999'))))
    check(len(items(r, 'INSTANCE')[0].findall('*')) == 20)
    # Throughput: 100k instances well above 50k/s (loose bound for CI).
    t = time.time()
    b = imethod('OpenEnumerateInstances', 'root/test', pv('ClassName', cn('TST_Bulk')) +
                pv('MaxObjectCount', v(100000)))
    r = send(srv.port, b, timeout=30)
    dt = time.time() - t
    check(r.body.count(b'<VALUE.INSTANCEWITHPATH>') == 100000)
    check(dt < 6, '100k took %.1fs' % dt)
    srv.stop()


@test
def no_pull_switch():
    srv = Srv('--no-pull')
    for name in ('50_OpenEnumerateInstances_TEST_Widget', '52_PullInstancesWithPath_bogus_context',
                 '53_CloseEnumeration_bogus_context'):
        check(error_of(send(srv.port, body_of(name))).get('CODE') == '7', name)
    check(error_of(send(srv.port, body_of('08_GetInstance_TEST_Widget_W00003'))) is None)
    srv.stop()


@test
def error_switch_embeds_cim_error():
    srv = Srv('--error', 'GetInstance:6', '--error', 'Add:17')
    e = error_of(send(srv.port, body_of('08_GetInstance_TEST_Widget_W00003')))
    check(e.get('CODE') == '6' and e.get('DESCRIPTION').startswith('CIM_ERR_NOT_FOUND'))
    inst = e.find('INSTANCE')
    props = {x.get('NAME'): x for x in inst}
    for need in ('Message', 'MessageID', 'OwningEntity', 'PerceivedSeverity', 'ProbableCause',
                 'CIMStatusCode', 'CIMStatusCodeDescription', 'RecommendedActions'):
        check(need in props, need)
    check(props['MessageID'].findtext('VALUE') == 'TST0006')
    check(props['OwningEntity'].findtext('VALUE') == 'cimomd')
    check(len(props['RecommendedActions'].find('VALUE.ARRAY')) >= 1)
    b = methodcall('Add', 'root/test', '<LOCALCLASSPATH><LOCALNAMESPACEPATH>%s</LOCALNAMESPACEPATH>'
                   '<CLASSNAME NAME="TST_Calculator"/></LOCALCLASSPATH>')
    check(error_of(send(srv.port, b, ns='root/test:TST_Calculator')).get('CODE') == '17')
    srv.stop()


@test
def auth_basic_401():
    srv = Srv('--auth', 'alice:s3cret')
    b = body_of('06_EnumerateInstanceNames_TEST_WidgetGroup')
    r = send(srv.port, b)
    check(r.status == 401 and r.headers.get('www-authenticate') == 'Basic realm="cimom"' and r.body == b'')
    r = send(srv.port, b, headers={'Authorization': 'Basic ' + base64.b64encode(b'alice:nope').decode()})
    check(r.status == 401)
    r = send(srv.port, b, headers={'Authorization': 'Basic ' + base64.b64encode(b'alice:s3cret').decode()})
    check(r.status == 200)
    # Wrong credentials with Expect: 100-continue: 401 before the body.
    sock = socket.create_connection(('127.0.0.1', srv.port), timeout=5)
    sock.sendall(b'POST /cimom HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n'
                 b'Content-Length: 500\r\n\r\n')
    check(sock.recv(100).startswith(b'HTTP/1.1 401'))
    sock.close()
    srv.stop()


@test
def quirks_sfcb_1_3():
    srv = Srv('--quirks', 'sfcb-1.3', '--bulk', '6000')
    p = srv.port
    e = error_of(send(p, body_of('50_OpenEnumerateInstances_TEST_Widget')))
    check(e.get('CODE') == '1' and e.get('DESCRIPTION') == 'invalid imethodcall XML' and len(e) == 0)
    e = error_of(send(p, body_of('33_error_EnumerateInstances_bad_class')))
    check(e.get('CODE') == '5' and e.get('DESCRIPTION') == 'Class not found' and len(e) == 0)
    check(error_of(send(p, body_of('35_error_unknown_intrinsic_method'))).get('CODE') == '1')
    r = send(p, body_of('36_error_malformed_xml'))
    check(r.status == 200 and error_of(r).get('CODE') == '1')
    r = send(p, body_of('37_error_missing_CIMOperation_header'), omit=['CIMOperation'])
    check(r.status == 200 and error_of(r) is None)
    r = send(p, body_of('40_error_CIMMethod_header_mismatch'), method='GetClass')
    check(r.status == 200 and len(items(r, 'CLASSNAME')) > 3)
    r = send(p, body_of('08_GetInstance_TEST_Widget_W00003'))
    check(items(r, 'INSTANCE')[0].find(".//PROPERTY[@NAME='Weight']/VALUE").text == '5.8228999999999999e+01')
    r = send(p, body_of('07_EnumerateInstances_TEST_Widget_root-test'), headers={'TE': 'trailers'})
    check(r.headers.get('transfer-encoding') == 'chunked' and r.trailers.get('cimstatuscode') == '0')
    check(len(items(r, 'VALUE.NAMEDINSTANCE')) == 20)
    r = send(p, body_of('44_chunked_TE_trailers_error_bad_class'), headers={'TE': 'trailers'})
    check('content-length' in r.headers and error_of(r).get('CODE') == '5')
    r = send(p, body_of('10_AssociatorNames_Widget_W00004'))
    check(xml(r).find('.//HOST').text == socket.gethostname())
    r = send(p, imethod('EnumerateInstances', 'root/test', pv('ClassName', cn('TST_Bulk'))))
    e = error_of(r)
    check(e is not None and e.get('CODE') == '1' and 'general error' in e.get('DESCRIPTION'))
    r = send(p, body_of('06_EnumerateInstanceNames_TEST_WidgetGroup'))
    check(xml(r).find('.//KEYBINDING').get('NAME') == 'instanceid')
    srv.stop()


@test
def quirks_sfcb_1_4():
    srv = Srv('--quirks', 'sfcb-1.4')
    p = srv.port
    r = send(p, body_of('s14_p01_OpenEnumerateInstances_TEST_Widget_max5'))
    check(len(items(r, 'VALUE.NAMEDINSTANCE')) == 20 and paramvalues(r) == {})
    check(error_of(send(p, body_of('s14_p02_PullInstancesWithPath_max5'))).get('CODE') == '7')
    check(error_of(send(p, body_of('s14_p03_CloseEnumeration'))).get('CODE') == '7')
    r = send(p, body_of('s14_p07_OpenEnumerateInstancePaths_TEST_Widget_max3'))
    check(xml(r).find('.//IRETURNVALUE/INSTANCENAME/KEYBINDING').get('NAME') == 'instanceid')
    r = send(p, body_of('s14_p11_OpenQueryInstances_WQL'))
    check(len(items(r, 'VALUE.OBJECTWITHPATH')) == 3)
    srv.stop()


@test
def quirks_pegasus():
    srv = Srv('--quirks', 'pegasus')
    p = srv.port
    r = send(p, body_of('peg_i01_EnumerateInstances_CIM_Namespace_interop'))
    insts = items(r, 'VALUE.NAMEDINSTANCE')
    check(insts and insts[0].find('INSTANCE').get('CLASSNAME') == 'PG_Namespace')
    check(any(k == 'content-length' and re.fullmatch(r'0\d{9}', val) for k, val in r.raw_headers))
    e = error_of(send(p, body_of('peg_e03_error_EnumerateInstances_bad_class')))
    check(e.get('DESCRIPTION') == 'CIM_ERR_INVALID_CLASS: NoSuch_Class' and len(e) == 0)
    check(error_of(send(p, body_of('peg_e04_error_unknown_intrinsic_method'))).get('CODE') == '7')
    check(pull_all(p, 'root/cimv2', body_of('peg_p01_OpenEnumerateInstances_TEST_Widget_max5')) == [5] * 4)
    # The 400 trap: no Content-Length, connection left open.
    r = send(p, body_of('peg_e06_error_malformed_xml'), head_only=True)
    check(r.status == 400 and r.headers.get('cimerror') == 'request-not-well-formed')
    check('content-length' not in r.headers and 'pgerrordetail' in r.headers)
    r.sock.settimeout(0.5)
    try:
        data = r.sock.recv(10)
        check(data != b'', 'server closed the connection')
    except socket.timeout:
        pass
    r.sock.close()
    r = send(p, body_of('peg_e05_error_missing_CIMOperation_header'), omit=['CIMOperation'],
             head_only=True)
    check(r.status == 400)
    r.sock.close()
    r = send(p, body_of('peg_e07_error_CIMMethod_header_mismatch'), method='GetClass', head_only=True)
    check(r.status == 400 and r.headers.get('cimerror') == 'header-mismatch')
    r.sock.close()
    srv.stop()


@test
def chunked_trailers_and_delay():
    srv = Srv('--chunked', '--delay-ms', '150')
    t = time.time()
    r = send(srv.port, body_of('07_EnumerateInstances_TEST_Widget_root-test'), headers={'TE': 'trailers'})
    check(time.time() - t >= 0.15)
    check(r.headers.get('transfer-encoding') == 'chunked')
    check(r.headers.get('trailer') == 'CIMStatusCode, CIMStatusCodeDescription')
    check(r.trailers.get('cimstatuscode') == '0' and len(items(r, 'VALUE.NAMEDINSTANCE')) == 20)
    r = send(srv.port, body_of('33_error_EnumerateInstances_bad_class'), headers={'TE': 'trailers'})
    check(r.trailers.get('cimstatuscode') == '5' and 'cimstatuscodedescription' in r.trailers)
    srv.stop()


@test
def stall_after_bytes():
    srv = Srv('--stall-after-bytes', '100')
    r = send(srv.port, body_of('07_EnumerateInstances_TEST_Widget_root-test'), head_only=True)
    check(r.status == 200)
    got = r.file.read(100)
    check(len(got) == 100)
    r.sock.settimeout(1.0)
    try:
        more = r.sock.recv(10)
        check(False, 'got more bytes: %r' % more)
    except socket.timeout:
        pass
    r.sock.close()
    # The server is still alive for other clients.
    sock = socket.create_connection(('127.0.0.1', srv.port), timeout=5)
    sock.close()
    srv.stop()


@test
def hostile_kinds():
    b = body_of('07_EnumerateInstances_TEST_Widget_root-test')
    for kind in ('malformed', 'truncated', 'entity-bomb', 'external-entity', 'escape-sequences',
                 'huge-value', 'deep-nesting', 'wrong-content-type', 'http-500', 'garbage',
                 'empty', 'slow-headers'):
        srv = Srv('--hostile', kind)
        try:
            # Other operations stay normal.
            check(send(srv.port, body_of('01_EnumerateClassNames_root-test_deep')).status == 200)
            if kind == 'slow-headers':
                sock = socket.create_connection(('127.0.0.1', srv.port))
                sock.sendall(b'POST /cimom HTTP/1.1\r\nHost: x\r\nCIMOperation: MethodCall\r\n'
                             b'CIMMethod: EnumerateInstances\r\nCIMObject: root/test\r\n'
                             b'Content-Length: %d\r\n\r\n%s' % (len(b), b))
                sock.settimeout(0.3)
                data, t = b'', time.time()
                while time.time() - t < 1.5:
                    try:
                        data += sock.recv(4096)
                    except socket.timeout:
                        pass
                check(data.startswith(b'HTTP/1.1 200') and b'\r\n\r\n' not in data, kind)
                sock.close()
                continue
            if kind == 'truncated':
                r = send(srv.port, b, head_only=True)
                data = r.file.read()
                check(len(data) < int(r.headers['content-length']), kind)
                r.sock.close()
                continue
            r = send(srv.port, b, timeout=30)
            body = r.body
            if kind in ('malformed', 'garbage'):
                try:
                    ET.fromstring(body)
                    check(False, kind + ' parsed')
                except ET.ParseError:
                    pass
            elif kind == 'entity-bomb':
                check(b'<!ENTITY lol9' in body and b'&lol9;' in body)
            elif kind == 'external-entity':
                check(b'SYSTEM "file:///etc/passwd"' in body and b'&xxe;' in body)
            elif kind == 'escape-sequences':
                check(b'&#27;[2J' in body and b'&#155;' in body and b'&#7;' in body and b'&#8;' in body)
            elif kind == 'huge-value':
                check(len(body) > 64 * 1024 * 1024)
            elif kind == 'deep-nesting':
                check(body.count(b'<VALUE.ARRAY>') == 100000)
            elif kind == 'wrong-content-type':
                check(r.headers['content-type'].startswith('text/html'))
            elif kind == 'http-500':
                check(r.status == 500 and 'cimerror' in r.headers)
            elif kind == 'empty':
                check(r.status == 200 and body == b'')
        finally:
            srv.stop()


@test
def tls_and_log_and_lifetime():
    tmp = tempfile.mkdtemp(prefix='cimomd-test-')
    try:
        log = os.path.join(tmp, 'req.log')
        srv = Srv('--log', log)
        p = srv.port
        r = send(p, body_of('peg_p07_OpenEnumerateInstances_max2_then_close', ns='root/test'))
        ctx = paramvalues(r)['EnumerationContext']
        send(p, imethod('CloseEnumeration', 'root/test', pv('EnumerationContext', v(ctx))))
        lines = open(log).read().splitlines()
        check('OpenEnumerateInstances root/test TEST_Widget' in lines, lines)
        check('CloseEnumeration root/test -' in lines, lines)
        srv.stop()
        check(srv.proc.returncode == 0, 'SIGTERM exit %s' % srv.proc.returncode)
        t = time.time()
        short = subprocess.Popen([sys.executable, SERVER, '--lifetime', '1'],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        STARTED.append(short)
        short.stdout.readline()
        short.wait(10)
        check(short.returncode == 0 and time.time() - t < 8)
        if shutil.which('openssl'):
            cert, key = os.path.join(tmp, 'c.pem'), os.path.join(tmp, 'k.pem')
            subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
                            '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert],
                           check=True, capture_output=True)
            srv = Srv('--tls', cert, key)
            check(srv.scheme == 'https')
            r = send(srv.port, body_of('06_EnumerateInstanceNames_TEST_WidgetGroup'), tls=True)
            check(r.status == 200 and len(items(r, 'INSTANCENAME')) == 2)
            srv.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    t0 = time.time()
    print('1..%d' % len(TESTS))
    sys.stdout.flush()
    failed = 0
    try:
        S['d'] = Srv('--bulk', '100')
        for n, fn in enumerate(TESTS, 1):
            try:
                fn()
                print('ok %d - %s' % (n, fn.__name__))
            except Exception as e:
                failed += 1
                print('not ok %d - %s' % (n, fn.__name__))
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
                if isinstance(e, AssertionError):
                    pass
            sys.stdout.flush()
    finally:
        for p in STARTED:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
                p.wait()
    print('# %.1fs' % (time.time() - t0))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
