#!/usr/bin/env python3
"""CIM-XML (DSP0200/DSP0201) request decoding, operation dispatch and
streaming response encoding for the test server.

Responses are produced by generators of str pieces so that enumerations of
any size stream at constant memory; the HTTP layer (cimomd.py) groups the
pieces into ~64 KiB writes.  Rendering uses per-class cached closures
instead of ElementTree, because the benchmark needs >50k instances/s.

Style captures how a server flavour spells things (error texts, real64
format, key-name case, TYPE= on KEYVALUE...); quirks that change *what*
is answered (pull support, classic Open*) are handled in Dispatcher.
"""

import math
import re
import xml.etree.ElementTree as ET

from repository import (CIMError, CODE_NAMES, INT_RANGES, Instance,
                        InstancePath, Query, QUERY_LANGUAGES)


class BadRequest(Exception):
    """The message (not the operation) is unacceptable: HTTP 400 + CIMError."""

    def __init__(self, cimerror, detail):
        super().__init__(detail)
        self.cimerror = cimerror
        self.detail = detail


class ClassName(str):
    """A CLASSNAME element value (distinguishes ObjectName kinds)."""


# SFCB's fixed DESCRIPTION texts (it only sends them for codes < 18).
SFCB_TEXTS = {
    1: 'A general error occured that is not covered by a more specific error code',
    2: 'Access to a CIM resource was not available to the client',
    3: 'The target namespace does not exist',
    4: 'One or more parameter values passed to the method were invalid',
    5: 'Class not found',
    6: 'The requested object could not be found',
    7: 'The requested operation is not supported',
    12: 'The specified property does not exist',
    14: 'The query language is not recognized or supported',
    15: 'The query is not valid for the specified query language',
    17: 'The specified extrinsic method does not exist',
}


class Style:
    def __init__(self, flavor='default', host='localhost'):
        self.flavor = flavor
        self.host = host
        self.sfcb = flavor.startswith('sfcb')
        self.pegasus = flavor == 'pegasus'
        self.c_reals = flavor != 'default'       # %.16e like SFCB/Pegasus
        self.lower_name_keys = self.sfcb         # 'instanceid' in paths
        self.key_types = flavor == 'default'     # KEYVALUE TYPE= (DTD 2.4)
        self.embed_errors = flavor == 'default'  # CIM_Error for --error

    def describe(self, err):
        text = getattr(err, 'fixed_text', None)
        if text is not None:
            return text
        if self.sfcb:
            if err.code >= 18:
                return None
            return SFCB_TEXTS.get(err.code, CODE_NAMES.get(err.code, ''))
        name = CODE_NAMES.get(err.code, 'CIM_ERR_%d' % err.code)
        return '%s: %s' % (name, err.message) if err.message else name


def fixed(code, text):
    """A CIMError whose DESCRIPTION is exactly text in every flavour."""
    e = CIMError(code, text)
    e.fixed_text = text
    return e


# ------------------------------------------------------------- escaping

_ESC = {ord('&'): '&amp;', ord('<'): '&lt;', ord('>'): '&gt;',
        ord('"'): '&quot;', 13: '&#13;'}
# Control characters XML 1.0 cannot carry; emitted as char refs like some
# real servers do (protocols.md A.9) rather than silently dropped.
_ESC.update({c: '&#%d;' % c for c in range(32) if c not in (9, 10, 13)})


_NEEDS_ESC = re.compile('[&<>"\x00-\x08\x0b-\x1f]').search


def esc(s):
    # translate() with a dict is slow per character; most values need
    # nothing, and a regex scan is ~10x cheaper than translating.
    return s.translate(_ESC) if _NEEDS_ESC(s) else s


def fmt_real(v, cimtype, style):
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'INF' if v > 0 else '-INF'
    if style.c_reals:
        return ('%.16e' if cimtype == 'real64' else '%.7e') % v
    return repr(v)


def scalar_formatter(cimtype, style, render_embedded=None):
    if cimtype == 'boolean':
        return lambda v: 'TRUE' if v else 'FALSE'
    if cimtype in INT_RANGES:
        return str
    if cimtype in ('real32', 'real64'):
        return lambda v: fmt_real(v, cimtype, style)
    if render_embedded is not None:
        return lambda v: esc(render_embedded(v)) if isinstance(v, Instance) else esc(str(v))
    return lambda v: esc(str(v))


def guess_type(v):
    if isinstance(v, bool):
        return 'boolean'
    if isinstance(v, int):
        return 'sint64'
    if isinstance(v, float):
        return 'real64'
    if isinstance(v, InstancePath):
        return 'reference'
    return 'string'


def valuetype(cimtype):
    if cimtype == 'boolean':
        return 'boolean'
    if cimtype in INT_RANGES or cimtype in ('real32', 'real64'):
        return 'numeric'
    return 'string'


# -------------------------------------------------------------- renderer

class Renderer:
    """Object -> CIM-XML text, with per-class property renderer caches."""

    def __init__(self, repo, style):
        self.repo = repo
        self.style = style
        self.cache = {}
        self.nsp_cache = {}

    # -- paths
    def localnamespacepath(self, nsname):
        return '<LOCALNAMESPACEPATH>\n%s</LOCALNAMESPACEPATH>\n' % ''.join(
            '<NAMESPACE NAME="%s"/>\n' % esc(p) for p in nsname.split('/') if p)

    def namespacepath(self, nsname):
        s = self.nsp_cache.get(nsname)
        if s is None:
            s = '<NAMESPACEPATH>\n<HOST>%s</HOST>\n%s</NAMESPACEPATH>\n' % (
                esc(self.style.host), self.localnamespacepath(nsname))
            self.nsp_cache[nsname] = s
        return s

    def instancename(self, ns, path, lower=False):
        cls = ns.classes.get(path.classname.lower())
        out = ['<INSTANCENAME CLASSNAME="%s">\n' % esc(path.classname)]
        for name, v in path.keys:
            kname = name.lower() if lower else name
            out.append('<KEYBINDING NAME="%s">\n' % esc(kname))
            if isinstance(v, InstancePath):
                out.append('<VALUE.REFERENCE>\n%s</VALUE.REFERENCE>\n' % self.instancename(ns, v))
            else:
                p = cls.prop_map.get(name.lower()) if cls else None
                t = p.type if p else guess_type(v)
                typ = ' TYPE="%s"' % t if self.style.key_types else ''
                out.append('<KEYVALUE VALUETYPE="%s"%s>%s</KEYVALUE>\n' % (
                    valuetype(t), typ, scalar_formatter(t, self.style)(v)))
            out.append('</KEYBINDING>\n')
        out.append('</INSTANCENAME>\n')
        return ''.join(out)

    def instancepath(self, ns, path):
        return '<INSTANCEPATH>\n%s%s</INSTANCEPATH>\n' % (
            self.namespacepath(ns.name), self.instancename(ns, path))

    def classpath(self, ns, name):
        return '<CLASSPATH>\n%s<CLASSNAME NAME="%s"/>\n</CLASSPATH>\n' % (
            self.namespacepath(ns.name), esc(name))

    # -- values
    def value_xml(self, ns, v, cimtype, embedded=False):
        """<VALUE>, <VALUE.ARRAY>, <VALUE.REFERENCE> or '' for NULL."""
        if v is None:
            return ''
        if isinstance(v, list):
            fmt = self._fmt(ns, cimtype, embedded)
            if cimtype == 'reference':
                return '<VALUE.REFARRAY>\n%s</VALUE.REFARRAY>\n' % ''.join(
                    '<VALUE.NULL/>\n' if x is None else
                    '<VALUE.REFERENCE>\n%s</VALUE.REFERENCE>\n' % self.instancename(ns, x)
                    for x in v)
            return '<VALUE.ARRAY>\n%s</VALUE.ARRAY>\n' % ''.join(
                '<VALUE.NULL/>\n' if x is None else '<VALUE>%s</VALUE>\n' % fmt(x) for x in v)
        if cimtype == 'reference':
            return '<VALUE.REFERENCE>\n%s</VALUE.REFERENCE>\n' % self.instancename(ns, v)
        return '<VALUE>%s</VALUE>\n' % self._fmt(ns, cimtype, embedded)(v)

    def _fmt(self, ns, cimtype, embedded):
        return scalar_formatter(cimtype, self.style,
                                (lambda i: self.instance(ns, i)) if embedded else None)

    def _emb_attr(self, p):
        if not p.embedded:
            return ''
        return ' %s="%s"' % ('EMBEDDEDOBJECT' if self.style.pegasus else 'EmbeddedObject',
                             p.embedded)

    def _prop_renderer(self, ns, p, origin, quals=False):
        """Closure value -> full PROPERTY[.ARRAY|.REFERENCE] element."""
        co = ' CLASSORIGIN="%s"' % p.class_origin if origin and p.class_origin else ''
        pr = ' PROPAGATED="true"' if p.propagated and (self.style.pegasus or quals) else ''
        q = self.qualifiers(p.quals) if quals else ''
        name = esc(p.name)
        if p.type == 'reference':
            head = '<PROPERTY.REFERENCE NAME="%s" REFERENCECLASS="%s"%s%s>\n%s' % (
                name, p.ref_class, co, pr, q)
            tail = '</PROPERTY.REFERENCE>\n'
            iname = self.instancename
            return lambda v: head + tail if v is None else \
                '%s<VALUE.REFERENCE>\n%s</VALUE.REFERENCE>\n%s' % (head, iname(ns, v), tail)
        emb = self._emb_attr(p)
        fmt = self._fmt(ns, p.type, bool(p.embedded))
        if p.is_array:
            head = '<PROPERTY.ARRAY NAME="%s" TYPE="%s"%s%s%s>\n%s' % (
                name, 'string' if p.embedded else p.type, co, pr, emb, q)
            tail = '</PROPERTY.ARRAY>\n'

            def arr(v):
                if v is None:
                    return head + tail
                return '%s<VALUE.ARRAY>\n%s</VALUE.ARRAY>\n%s' % (head, ''.join(
                    '<VALUE.NULL/>\n' if x is None else '<VALUE>%s</VALUE>\n' % fmt(x)
                    for x in v), tail)
            return arr
        head = '<PROPERTY NAME="%s" TYPE="%s"%s%s%s>\n%s' % (
            name, 'string' if p.embedded else p.type, co, pr, emb, q)
        null = head + '</PROPERTY>\n'
        vhead = head + '<VALUE>'
        vtail = '</VALUE>\n</PROPERTY>\n'
        return lambda v: null if v is None else vhead + fmt(v) + vtail

    def _renderers(self, ns, classname, origin, props, limit_class):
        """Compiled renderer values-dict.get -> properties XML, cached.

        The function is generated as Python source (one expression per
        property) because closures per property cost ~2x more, and the
        bulk benchmark renders 100k+ instances per second through here.
        """
        key = (ns.name, classname.lower(), origin, props, limit_class)
        fn = self.cache.get(key)
        if fn is None:
            cls = ns.classes.get(classname.lower())
            if cls is None:
                return None
            feats = cls.props
            if limit_class is not None:
                allowed = {p.name.lower() for p in ns.get_class(limit_class, 5).props}
                feats = [p for p in feats if p.name.lower() in allowed]
            if props is not None:
                feats = [p for p in feats if p.name.lower() in props]
            env, exprs = {'esc': esc}, []
            for n, p in enumerate(feats):
                r = self._prop_renderer(ns, p, origin)
                if p.type == 'reference' or p.is_array or p.embedded or \
                        p.type in ('real32', 'real64'):
                    env['R%d' % n] = r
                    exprs.append('R%d(g(%r))' % (n, p.name))
                    continue
                env['N%d' % n] = r(None)
                head = env['N%d' % n][:-len('</PROPERTY>\n')] + '<VALUE>'
                env['H%d' % n] = head
                if p.type == 'boolean':
                    conv = "('TRUE' if x else 'FALSE')"
                elif p.type in INT_RANGES:
                    conv = 'str(x)'
                else:
                    conv = 'esc(x)'
                exprs.append("(N%d if (x := g(%r)) is None else H%d + %s + T)"
                             % (n, p.name, n, conv))
            env['T'] = '</VALUE>\n</PROPERTY>\n'
            src = 'def render(g):\n    return "".join((\n        %s,))\n' % \
                ',\n        '.join(exprs) if exprs else 'def render(g):\n    return ""\n'
            exec(compile(src, '<renderer %s>' % classname, 'exec'), env)
            fn = env['render']
            self.cache[key] = fn
        return fn

    def instance(self, ns, inst, origin=False, props=None, limit_class=None):
        fn = self._renderers(ns, inst.classname, origin, props, limit_class)
        if fn is not None:
            body = fn(inst.values.get)
        else:
            # Class unknown here (e.g. a canned object): type by value.
            from repository import Feature
            body = ''.join(self._prop_renderer(ns, Feature(
                k, guess_type(v if not isinstance(v, list) else (v or [''])[0]),
                array=isinstance(v, list)), False)(v) for k, v in inst.values.items())
        return '<INSTANCE CLASSNAME="%s">\n%s</INSTANCE>\n' % (inst.classname, body)

    # -- classes
    def qualifiers(self, quals, propagated=False):
        from repository import QUALIFIER_TYPES
        out = []
        for name, v in quals.items():
            t, is_arr = QUALIFIER_TYPES.get(name.lower(), ('string', isinstance(v, list)))
            fl = {'key': ' OVERRIDABLE="false"', 'association': ' OVERRIDABLE="false"',
                  'abstract': ' TOSUBCLASS="false"', 'description': ' TRANSLATABLE="true"',
                  'values': ' TRANSLATABLE="true"'}.get(name.lower(), '')
            pr = ' PROPAGATED="true"' if propagated else ''
            f = scalar_formatter(t, self.style)
            if is_arr:
                val = '<VALUE.ARRAY>\n%s</VALUE.ARRAY>\n' % ''.join(
                    '<VALUE>%s</VALUE>\n' % f(x) for x in v)
            else:
                val = '<VALUE>%s</VALUE>\n' % f(v)
            out.append('<QUALIFIER NAME="%s" TYPE="%s"%s%s>\n%s</QUALIFIER>\n' % (
                name, t, pr, fl, val))
        return ''.join(out)

    def cim_class(self, ns, cls, local_only=True, quals=True, origin=False, props=None):
        out = ['<CLASS NAME="%s"%s>\n' % (cls.name, ' SUPERCLASS="%s"' % cls.superclass
                                          if cls.superclass else '')]
        if quals:
            out.append(self.qualifiers(cls.quals))
        for p in cls.props:
            if local_only and p.propagated:
                continue
            if props is not None and p.name.lower() not in props:
                continue
            r = self._prop_renderer(ns, p, origin, quals)
            out.append(r(p.default))
        for m in cls.methods:
            if local_only and m.propagated:
                continue
            co = ' CLASSORIGIN="%s"' % m.class_origin if origin else ''
            pr = ' PROPAGATED="true"' if m.propagated else ''
            out.append('<METHOD NAME="%s" TYPE="%s"%s%s>\n' % (m.name, m.type, co, pr))
            if quals:
                out.append(self.qualifiers(m.quals))
            for p in m.params:
                q = self.qualifiers(p.quals) if quals else ''
                if p.type == 'reference':
                    tag, attrs = ('PARAMETER.REFARRAY' if p.is_array else 'PARAMETER.REFERENCE',
                                  ' REFERENCECLASS="%s"' % p.ref_class)
                elif p.is_array:
                    tag, attrs = 'PARAMETER.ARRAY', ' TYPE="%s"' % p.type
                else:
                    tag, attrs = 'PARAMETER', ' TYPE="%s"' % p.type
                out.append('<%s NAME="%s"%s>\n%s</%s>\n' % (tag, p.name, attrs, q, tag))
            out.append('</METHOD>\n')
        out.append('</CLASS>\n')
        return ''.join(out)

    # -- errors
    def error(self, err, opname=''):
        desc = self.style.describe(err)
        d = ' DESCRIPTION="%s"' % esc(desc) if desc is not None else ''
        # Only --error injections carry CIM_Error: no real server sent one
        # (servers.md) and old clients such as wbemcli cannot parse it.
        if not (self.style.embed_errors and getattr(err, 'embed', False)):
            return '<ERROR CODE="%d"%s/>\n' % (err.code, d)
        return '<ERROR CODE="%d"%s>\n%s</ERROR>\n' % (err.code, d, self.cim_error(err, opname))

    def cim_error(self, err, opname):
        """The embedded CIM_Error instance (DSP0200 1.3, protocols.md A.10)."""
        code_name = CODE_NAMES.get(err.code, 'CIM_ERR_%d' % err.code)
        vals = [
            ('ErrorType', 'uint16', 4),                    # Software Error
            ('OwningEntity', 'string', 'cimomd'),
            ('MessageID', 'string', 'TST%04d' % err.code),
            ('Message', 'string', err.message or code_name),
            ('MessageArguments', 'string', [opname, str(err.code)]),
            ('PerceivedSeverity', 'uint16', 3 if err.code == 6 else 5),
            ('ProbableCause', 'uint16', 1),                # Other
            ('ProbableCauseDescription', 'string', 'cimomd test server: %s' % code_name),
            ('RecommendedActions', 'string', ['Check the request parameters',
                                              'See tests/server/README.md']),
            ('ErrorSource', 'string', opname),
            ('ErrorSourceFormat', 'uint16', 1),
            ('CIMStatusCode', 'uint32', err.code),
            ('CIMStatusCodeDescription', 'string', code_name),
        ]
        out = ['<INSTANCE CLASSNAME="CIM_Error">\n']
        for name, t, v in vals:
            if isinstance(v, list):
                out.append('<PROPERTY.ARRAY NAME="%s" TYPE="%s">\n<VALUE.ARRAY>\n%s'
                           '</VALUE.ARRAY>\n</PROPERTY.ARRAY>\n' % (
                               name, t, ''.join('<VALUE>%s</VALUE>\n' % esc(x) for x in v)))
            else:
                out.append('<PROPERTY NAME="%s" TYPE="%s">\n<VALUE>%s</VALUE>\n</PROPERTY>\n'
                           % (name, t, esc(str(v))))
        out.append('</INSTANCE>\n')
        return ''.join(out)


def envelope(msgid, name, body, extrinsic=False):
    """Wrap an iterator of pieces in CIM/MESSAGE/SIMPLERSP/I?METHODRESPONSE."""
    tag = 'METHODRESPONSE' if extrinsic else 'IMETHODRESPONSE'
    yield ('<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.0">\n'
           '<MESSAGE ID="%s" PROTOCOLVERSION="1.0">\n<SIMPLERSP>\n<%s NAME="%s">\n'
           % (esc(msgid), tag, esc(name)))
    yield from body
    yield '</%s>\n</SIMPLERSP>\n</MESSAGE>\n</CIM>\n' % tag


# -------------------------------------------------------------- decoding

class Request:
    def __init__(self):
        self.msgid = '0'
        self.extrinsic = False
        self.name = ''
        self.namespace = ''
        self.params = {}       # lower name -> (name, value)
        self.target = None     # extrinsic: InstancePath or ClassName
        self.log_class = '-'


def _ns(el):
    if el is None or el.tag != 'LOCALNAMESPACEPATH':
        raise BadRequest('request-not-valid', 'LOCALNAMESPACEPATH expected')
    return '/'.join(n.get('NAME', '') for n in el if n.tag == 'NAMESPACE')


def decode_instancename(el, namespace=None):
    keys = []
    for c in el:
        if c.tag == 'KEYBINDING':
            kv = c[0] if len(c) else None
            if kv is None:
                raise BadRequest('request-not-valid', 'empty KEYBINDING')
            keys.append((c.get('NAME'), decode_ref(kv) if kv.tag == 'VALUE.REFERENCE'
                         else (kv.text or '')))
        elif c.tag == 'KEYVALUE':
            keys.append((None, c.text or ''))
        elif c.tag == 'VALUE.REFERENCE':
            keys.append((None, decode_ref(c)))
    return InstancePath(el.get('CLASSNAME', ''), keys, namespace)


def decode_ref(el):
    if el.tag == 'VALUE.REFERENCE':
        if not len(el):
            raise BadRequest('request-not-valid', 'empty VALUE.REFERENCE')
        el = el[0]
    if el.tag == 'INSTANCENAME':
        return decode_instancename(el)
    if el.tag == 'LOCALINSTANCEPATH':
        return decode_instancename(el.find('INSTANCENAME'), _ns(el.find('LOCALNAMESPACEPATH')))
    if el.tag == 'INSTANCEPATH':
        nsp = el.find('NAMESPACEPATH')
        return decode_instancename(el.find('INSTANCENAME'),
                                   _ns(nsp.find('LOCALNAMESPACEPATH')) if nsp is not None else None)
    if el.tag == 'CLASSNAME':
        return ClassName(el.get('NAME', ''))
    if el.tag in ('LOCALCLASSPATH', 'CLASSPATH'):
        return ClassName(el.find('CLASSNAME').get('NAME', ''))
    raise BadRequest('request-not-valid', 'unexpected %s in reference' % el.tag)


def decode_value(el):
    """Content of an (I)PARAMVALUE: None (NULL), str, list, path, ClassName."""
    kids = list(el)
    if not kids:
        return None
    c = kids[0]
    if c.tag == 'VALUE':
        return c.text or ''
    if c.tag == 'VALUE.ARRAY':
        return [(x.text or '') if x.tag == 'VALUE' else None for x in c]
    if c.tag == 'VALUE.REFARRAY':
        return [decode_ref(x) if x.tag == 'VALUE.REFERENCE' else None for x in c]
    if c.tag == 'CLASSNAME':
        return ClassName(c.get('NAME', ''))
    if c.tag == 'INSTANCENAME':
        return decode_instancename(c)
    if c.tag == 'VALUE.REFERENCE':
        return decode_ref(c)
    return c    # INSTANCE, QUALIFIER.DECLARATION...: ops we do not support


def parse_request(body):
    """Decode a request body; BadRequest for anything not loosely valid."""
    head = body[:4096].upper()
    if b'<!DOCTYPE' in head or b'<!ENTITY' in body.upper():
        raise BadRequest('request-not-well-formed', 'DOCTYPE/ENTITY declarations are not accepted')
    try:
        parser = ET.XMLParser()
        parser.feed(body)
        root = parser.close()
    except ET.ParseError as e:
        raise BadRequest('request-not-well-formed', 'XML parse error: %s' % e)
    msg = root.find('MESSAGE') if root.tag == 'CIM' else None
    if msg is None:
        raise BadRequest('request-not-valid', 'CIM/MESSAGE expected')
    req = Request()
    req.msgid = msg.get('ID', '0')
    if msg.find('MULTIREQ') is not None:
        raise BadRequest('multiple-requests-unsupported', 'MULTIREQ is not supported')
    simple = msg.find('SIMPLEREQ')
    if simple is None or not len(simple):
        raise BadRequest('request-not-valid', 'SIMPLEREQ expected')
    call = simple[0]
    req.name = call.get('NAME', '')
    if call.tag == 'IMETHODCALL':
        req.namespace = _ns(call.find('LOCALNAMESPACEPATH'))
        kids = [k for k in call if k.tag == 'IPARAMVALUE']
    elif call.tag == 'METHODCALL':
        req.extrinsic = True
        lip, lcp = call.find('LOCALINSTANCEPATH'), call.find('LOCALCLASSPATH')
        if lip is not None:
            req.namespace = _ns(lip.find('LOCALNAMESPACEPATH'))
            inm = lip.find('INSTANCENAME')
            if inm is None:
                raise BadRequest('request-not-valid', 'INSTANCENAME expected')
            req.target = decode_instancename(inm, req.namespace)
        elif lcp is not None:
            req.namespace = _ns(lcp.find('LOCALNAMESPACEPATH'))
            cn = lcp.find('CLASSNAME')
            req.target = ClassName(cn.get('NAME', '') if cn is not None else '')
        else:
            raise BadRequest('request-not-valid', 'LOCALINSTANCEPATH or LOCALCLASSPATH expected')
        req.log_class = req.target.classname if isinstance(req.target, InstancePath) else req.target
        kids = [k for k in call if k.tag == 'PARAMVALUE']
    else:
        raise BadRequest('request-not-valid', 'IMETHODCALL or METHODCALL expected')
    for k in kids:
        name = k.get('NAME', '')
        req.params[name.lower()] = (name, decode_value(k))
    for key in ('classname', 'instancename', 'objectname'):
        v = req.params.get(key, (None, None))[1]
        if isinstance(v, InstancePath):
            req.log_class = v.classname
            break
        if isinstance(v, str) and v:
            req.log_class = v
            break
    return req


# -------------------------------------------------------------- dispatch

REQUIRED = object()

_IQ = {'includequalifiers': ('bool', False), 'includeclassorigin': ('bool', False),
       'propertylist': ('plist', None)}
_PULL = {'filterquerylanguage': ('str', None), 'filterquery': ('str', None),
         'operationtimeout': ('uint32', None), 'continueonerror': ('bool', False),
         'maxobjectcount': ('uint32', 0)}
_ASSOC = {'assocclass': ('class', None), 'resultclass': ('class', None),
          'role': ('str', None), 'resultrole': ('str', None)}

PULL_OPS = {'openenumerateinstances', 'openenumerateinstancepaths',
            'openassociatorinstances', 'openassociatorinstancepaths',
            'openreferenceinstances', 'openreferenceinstancepaths',
            'openqueryinstances', 'pullinstanceswithpath', 'pullinstancepaths',
            'pullinstances', 'closeenumeration', 'enumerationcount'}

# sfcb-1.4 runs Open* as the classic operation: name + renamed params.
CLASSIC = {
    'openenumerateinstances': ('EnumerateInstances', {}),
    'openenumerateinstancepaths': ('EnumerateInstanceNames', {}),
    'openassociatorinstances': ('Associators', {'instancename': 'objectname'}),
    'openassociatorinstancepaths': ('AssociatorNames', {'instancename': 'objectname'}),
    'openreferenceinstances': ('References', {'instancename': 'objectname'}),
    'openreferenceinstancepaths': ('ReferenceNames', {'instancename': 'objectname'}),
    'openqueryinstances': ('ExecQuery', {'filterquery': 'query',
                                         'filterquerylanguage': 'querylanguage'}),
}


class Dispatcher:
    """Runs one decoded Request against the repository.

    run() returns (body_iterator, error): error is the CIMError already
    rendered into the body (or None).  Validation is eager, so every
    'normal' CIM error is known before the first byte goes out; the body
    iterator is lazy and may still raise (e.g. a provider failing late).
    """

    def __init__(self, repo, style, no_pull=False, errors=None):
        self.repo = repo
        self.style = style
        self.r = Renderer(repo, style)
        self.no_pull = no_pull
        self.errors = errors or {}
        self.ops = {
            'enumerateclassnames': (self.enum_class_names, {
                'classname': ('class', None), 'deepinheritance': ('bool', False)}),
            'enumerateclasses': (self.enum_classes, {
                'classname': ('class', None), 'deepinheritance': ('bool', False),
                'localonly': ('bool', True), 'includequalifiers': ('bool', True),
                'includeclassorigin': ('bool', False)}),
            'getclass': (self.get_class, {
                'classname': ('class', REQUIRED), 'localonly': ('bool', True),
                'includequalifiers': ('bool', True), 'includeclassorigin': ('bool', False),
                'propertylist': ('plist', None)}),
            'enumerateinstancenames': (self.enum_instance_names, {
                'classname': ('class', REQUIRED)}),
            'enumerateinstances': (self.enum_instances, dict(_IQ, **{
                'classname': ('class', REQUIRED), 'localonly': ('bool', False),
                'deepinheritance': ('bool', True)})),
            'getinstance': (self.get_instance, dict(_IQ, **{
                'instancename': ('inst', REQUIRED), 'localonly': ('bool', False)})),
            'associators': (self.associators, dict(_IQ, objectname=('obj', REQUIRED), **_ASSOC)),
            'associatornames': (self.associator_names, dict(objectname=('obj', REQUIRED), **_ASSOC)),
            'references': (self.references, dict(_IQ, **{
                'objectname': ('obj', REQUIRED), 'resultclass': ('class', None),
                'role': ('str', None)})),
            'referencenames': (self.reference_names, {
                'objectname': ('obj', REQUIRED), 'resultclass': ('class', None),
                'role': ('str', None)}),
            'execquery': (self.exec_query, {
                'querylanguage': ('str', REQUIRED), 'query': ('str', REQUIRED)}),
            'openenumerateinstances': (self.open_enum, dict(_PULL, **{
                'classname': ('class', REQUIRED), 'deepinheritance': ('bool', True),
                'includeclassorigin': ('bool', False), 'propertylist': ('plist', None),
                'localonly': ('bool', False), 'includequalifiers': ('bool', False)})),
            'openenumerateinstancepaths': (self.open_enum_paths, dict(_PULL, **{
                'classname': ('class', REQUIRED)})),
            'openassociatorinstances': (self.open_assoc, dict(_PULL, **dict(_ASSOC, **{
                'instancename': ('inst', REQUIRED), 'includeclassorigin': ('bool', False),
                'propertylist': ('plist', None)}))),
            'openassociatorinstancepaths': (self.open_assoc_paths, dict(_PULL, **dict(_ASSOC, **{
                'instancename': ('inst', REQUIRED)}))),
            'openreferenceinstances': (self.open_refs, dict(_PULL, **{
                'instancename': ('inst', REQUIRED), 'resultclass': ('class', None),
                'role': ('str', None), 'includeclassorigin': ('bool', False),
                'propertylist': ('plist', None)})),
            'openreferenceinstancepaths': (self.open_ref_paths, dict(_PULL, **{
                'instancename': ('inst', REQUIRED), 'resultclass': ('class', None),
                'role': ('str', None)})),
            'openqueryinstances': (self.open_query, dict(_PULL, **{
                'filterquery': ('str', REQUIRED), 'filterquerylanguage': ('str', REQUIRED),
                'returnqueryresultclass': ('bool', False)})),
            'pullinstanceswithpath': (self.pull, {
                'enumerationcontext': ('str', REQUIRED), 'maxobjectcount': ('uint32', REQUIRED)}),
            'pullinstancepaths': (self.pull, {
                'enumerationcontext': ('str', REQUIRED), 'maxobjectcount': ('uint32', REQUIRED)}),
            'pullinstances': (self.pull, {
                'enumerationcontext': ('str', REQUIRED), 'maxobjectcount': ('uint32', REQUIRED)}),
            'closeenumeration': (self.close, {'enumerationcontext': ('str', REQUIRED)}),
            'enumerationcount': (self.enum_count, {'enumerationcontext': ('str', REQUIRED)}),
        }

    # -- entry point
    def run(self, req):
        try:
            body = self._dispatch(req)
            err = None
        except CIMError as e:
            if req.extrinsic and self.style.sfcb and e.code == 17:
                e = CIMError(1, e.message)
            body, err = [self.r.error(e, req.name)], e
        return envelope(req.msgid, req.name, body, req.extrinsic), err

    def _dispatch(self, req):
        lname = req.name.lower()
        code = self.errors.get(lname)
        if code is not None:
            e = CIMError(code, 'Injected error for %s (cimomd --error %s:%d)'
                         % (req.name, req.name, code))
            e.embed = True
            raise e
        if req.extrinsic:
            return self.invoke(req)
        if lname in PULL_OPS:
            if self.style.flavor == 'sfcb-1.3':
                raise fixed(1, 'invalid imethodcall XML')
            if self.no_pull:
                raise CIMError(7, '%s: pull operations are disabled (--no-pull)' % req.name)
            if self.style.flavor == 'sfcb-1.4':
                if lname not in CLASSIC:
                    raise fixed(7, 'Operation not supported xx')
                return self._classic(req, lname)
        entry = self.ops.get(lname)
        if entry is None:
            if self.style.flavor == 'sfcb-1.3':
                raise fixed(1, 'invalid imethodcall XML')
            if self.style.flavor == 'sfcb-1.4':
                raise fixed(1, 'invalid imethodcall payload')
            raise CIMError(7, 'Unrecognized intrinsic method: %s' % req.name)
        handler, spec = entry
        ns = self.repo.ns(req.namespace)
        return handler(req, ns, self._args(req, spec))

    def _classic(self, req, lname):
        name, rename = CLASSIC[lname]
        params = {}
        for k, (n, v) in req.params.items():
            k = rename.get(k, k)
            if k in _PULL or k == 'returnqueryresultclass':
                continue
            params[k] = (n, v)
        handler, spec = self.ops[name.lower()]
        sub = Request()
        sub.__dict__.update(req.__dict__)
        sub.params = params
        return handler(sub, self.repo.ns(req.namespace), self._args(sub, spec))

    def _args(self, req, spec):
        for lname, (name, _) in req.params.items():
            if lname not in spec:
                if self.style.sfcb:
                    raise fixed(1, 'invalid imethodcall XML')
                raise CIMError(4, 'unexpected parameter %s for %s' % (name, req.name))
        out = {}
        for lname, (kind, default) in spec.items():
            if lname not in req.params:
                if default is REQUIRED:
                    raise CIMError(4, 'missing parameter %s for %s' % (lname, req.name))
                out[lname] = default
                continue
            name, v = req.params[lname]
            out[lname] = self._conv(name, v, kind, default)
        return out

    @staticmethod
    def _conv(name, v, kind, default):
        bad = CIMError(4, 'invalid value for parameter %s' % name)
        if v is None:
            if default is REQUIRED and kind != 'str':
                raise bad
            return None if kind in ('plist', 'class', 'str', 'uint32') else default
        if kind == 'bool':
            if not isinstance(v, str) or v.strip().lower() not in ('true', 'false'):
                raise bad
            return v.strip().lower() == 'true'
        if kind == 'uint32':
            try:
                n = int(v)
            except (TypeError, ValueError):
                raise bad
            if not 0 <= n <= 0xFFFFFFFF:
                raise bad
            return n
        if kind == 'class':
            if not isinstance(v, ClassName):
                raise bad
            return str(v)
        if kind == 'inst':
            if not isinstance(v, InstancePath):
                raise bad
            return v
        if kind == 'obj':
            if not isinstance(v, (InstancePath, ClassName)):
                raise bad
            return v
        if kind == 'plist':
            if not isinstance(v, list):
                raise bad
            return frozenset(x.lower() for x in v if x is not None)
        if kind == 'str':
            if not isinstance(v, str):
                raise bad
            return str(v)
        raise bad

    # -- class operations
    def _ret(self, pieces):
        yield '<IRETURNVALUE>\n'
        yield from pieces
        yield '</IRETURNVALUE>\n'

    def _class_list(self, ns, a):
        cn = a['classname']
        if cn:
            ns.get_class(cn, 5)
            return ns.subclasses(cn, a['deepinheritance'])
        if a['deepinheritance']:
            return [ns.classes[n.lower()] for n in ns.order]
        return ns.top_classes()

    def enum_class_names(self, req, ns, a):
        return self._ret('<CLASSNAME NAME="%s"/>\n' % c.name for c in self._class_list(ns, a))

    def enum_classes(self, req, ns, a):
        return self._ret(self.r.cim_class(ns, c, a['localonly'], a['includequalifiers'],
                                          a['includeclassorigin']) for c in self._class_list(ns, a))

    def get_class(self, req, ns, a):
        cls = ns.get_class(a['classname'], 6)
        return self._ret([self.r.cim_class(ns, cls, a['localonly'], a['includequalifiers'],
                                           a['includeclassorigin'], a['propertylist'])])

    # -- instance operations
    def enum_instance_names(self, req, ns, a):
        it = ns.enum_instances(a['classname'])
        low = self.style.lower_name_keys
        iname = self.r.instancename
        return self._ret(iname(ns, i.path, low) for i in it)

    def enum_instances(self, req, ns, a):
        it = ns.enum_instances(a['classname'])
        limit = None if a['deepinheritance'] else ns.get_class(a['classname'], 5).name
        inst, iname = self.r.instance, self.r.instancename
        origin, props = a['includeclassorigin'], a['propertylist']
        return self._ret('<VALUE.NAMEDINSTANCE>\n%s%s</VALUE.NAMEDINSTANCE>\n' % (
            iname(ns, i.path), inst(ns, i, origin, props, limit)) for i in it)

    def get_instance(self, req, ns, a):
        i = ns.get_instance(a['instancename'])
        return self._ret([self.r.instance(ns, i, a['includeclassorigin'], a['propertylist'])])

    def _with_path(self, ns, i, a):
        return '<VALUE.OBJECTWITHPATH>\n%s%s</VALUE.OBJECTWITHPATH>\n' % (
            self.r.instancepath(ns, i.path),
            self.r.instance(ns, i, a.get('includeclassorigin'), a.get('propertylist')))

    def _class_with_path(self, ns, c, a):
        return '<VALUE.OBJECTWITHPATH>\n%s%s</VALUE.OBJECTWITHPATH>\n' % (
            self.r.classpath(ns, c.name),
            self.r.cim_class(ns, c, False, a.get('includequalifiers'),
                             a.get('includeclassorigin'), a.get('propertylist')))

    def _assoc_objs(self, ns, a, names):
        obj = a['objectname']
        if isinstance(obj, ClassName):
            classes = ns.class_associators(obj, a['assocclass'], a['resultclass'],
                                           a['role'], a['resultrole'])
            if names:
                return self._ret('<OBJECTPATH>\n%s</OBJECTPATH>\n' % self.r.classpath(ns, c.name)
                                 for c in classes)
            return self._ret(self._class_with_path(ns, c, a) for c in classes)
        objs = ns.associators(obj, a['assocclass'], a['resultclass'], a['role'], a['resultrole'])
        if names:
            return self._ret('<OBJECTPATH>\n%s</OBJECTPATH>\n' % self.r.instancepath(ns, i.path)
                             for i in objs)
        return self._ret(self._with_path(ns, i, a) for i in objs)

    def associators(self, req, ns, a):
        return self._assoc_objs(ns, a, False)

    def associator_names(self, req, ns, a):
        return self._assoc_objs(ns, a, True)

    def _ref_objs(self, ns, a, names):
        obj = a['objectname']
        if isinstance(obj, ClassName):
            classes = ns.class_references(obj, a['resultclass'], a['role'])
            if names:
                return self._ret('<OBJECTPATH>\n%s</OBJECTPATH>\n' % self.r.classpath(ns, c.name)
                                 for c in classes)
            return self._ret(self._class_with_path(ns, c, a) for c in classes)
        objs = ns.references(obj, a['resultclass'], a['role'])
        if names:
            return self._ret('<OBJECTPATH>\n%s</OBJECTPATH>\n' % self.r.instancepath(ns, i.path)
                             for i in objs)
        return self._ret(self._with_path(ns, i, a) for i in objs)

    def references(self, req, ns, a):
        return self._ref_objs(ns, a, False)

    def reference_names(self, req, ns, a):
        return self._ref_objs(ns, a, True)

    def _query(self, ns, lang, text, req):
        if (lang or '').lower() not in QUERY_LANGUAGES:
            raise CIMError(14, lang or '')
        q = Query(text)
        cls = ns.get_class(q.classname, 5)
        q.check(cls)
        req.log_class = cls.name
        props = frozenset(p.lower() for p in q.props) if q.props else None
        return q, props, filter(q.matches, ns.enum_instances(cls.name))

    def exec_query(self, req, ns, a):
        q, props, it = self._query(ns, a['querylanguage'], a['query'], req)
        a = {'propertylist': props}
        return self._ret(self._with_path(ns, i, a) for i in it)

    # -- pull operations
    def _filter(self, a, it, cls=None):
        text, lang = a.get('filterquery'), a.get('filterquerylanguage')
        if text is None and lang is None:
            return it
        if (lang or '').lower() not in QUERY_LANGUAGES:
            raise CIMError(14, lang or '(none)')
        q = Query(text or '', where_only=not (text or '').lstrip().upper().startswith('SELECT'))
        if cls is not None:
            q.check(cls)
        return filter(q.matches, it)

    def _open(self, req, ns, a, it, kind, render, extra=''):
        if a['continueonerror']:
            raise CIMError(26, 'ContinueOnError is not supported')
        ctx = self.repo.contexts.open(it, ns.name, req.log_class, kind, a['operationtimeout'])
        ctx.render = render
        return self._page(ctx, a['maxobjectcount'] or 0, extra)

    def _page(self, ctx, n, extra=''):
        state = {}
        contexts = self.repo.contexts

        def gen():
            eos = True
            try:
                yield '<IRETURNVALUE>\n'
                render = ctx.render
                for item in ctx.take_lazy(n, state):
                    yield render(item)
                yield '</IRETURNVALUE>\n'
                eos = state.get('eos', True)
                yield extra
                yield ('<PARAMVALUE NAME="EndOfSequence">\n<VALUE>%s</VALUE>\n</PARAMVALUE>\n'
                       '<PARAMVALUE NAME="EnumerationContext">\n<VALUE>%s</VALUE>\n</PARAMVALUE>\n'
                       % ('TRUE' if eos else 'FALSE', '' if eos else ctx.id))
            finally:
                # A page cut short (client gone) leaves the context unusable.
                contexts.release(ctx, eos)
        return gen()

    def _render_withpath(self, ns, a, limit=None):
        ipath, inst = self.r.instancepath, self.r.instance
        origin, props = a.get('includeclassorigin'), a.get('propertylist')
        return lambda i: '<VALUE.INSTANCEWITHPATH>\n%s%s</VALUE.INSTANCEWITHPATH>\n' % (
            ipath(ns, i.path), inst(ns, i, origin, props, limit))

    def _render_path(self, ns):
        ipath = self.r.instancepath
        return lambda i: ipath(ns, i.path)

    def open_enum(self, req, ns, a):
        cls = ns.get_class(a['classname'], 5)
        it = self._filter(a, ns.enum_instances(cls.name), cls)
        render = self._render_withpath(ns, a, None if a['deepinheritance'] else cls.name)
        return self._open(req, ns, a, it, 'withpath', render)

    def open_enum_paths(self, req, ns, a):
        cls = ns.get_class(a['classname'], 5)
        it = self._filter(a, ns.enum_instances(cls.name), cls)
        return self._open(req, ns, a, it, 'paths', self._render_path(ns))

    def open_assoc(self, req, ns, a):
        it = self._filter(a, iter(ns.associators(a['instancename'], a['assocclass'],
                                                 a['resultclass'], a['role'], a['resultrole'])))
        return self._open(req, ns, a, it, 'withpath', self._render_withpath(ns, a))

    def open_assoc_paths(self, req, ns, a):
        it = self._filter(a, iter(ns.associators(a['instancename'], a['assocclass'],
                                                 a['resultclass'], a['role'], a['resultrole'])))
        return self._open(req, ns, a, it, 'paths', self._render_path(ns))

    def open_refs(self, req, ns, a):
        it = self._filter(a, iter(ns.references(a['instancename'], a['resultclass'], a['role'])))
        return self._open(req, ns, a, it, 'withpath', self._render_withpath(ns, a))

    def open_ref_paths(self, req, ns, a):
        it = self._filter(a, iter(ns.references(a['instancename'], a['resultclass'], a['role'])))
        return self._open(req, ns, a, it, 'paths', self._render_path(ns))

    def open_query(self, req, ns, a):
        q, props, it = self._query(ns, a['filterquerylanguage'], a['filterquery'], req)
        inst = self.r.instance
        extra = ''
        if a['returnqueryresultclass']:
            cls = ns.get_class(q.classname, 5)
            extra = '<PARAMVALUE NAME="QueryResultClass">\n%s</PARAMVALUE>\n' % \
                self.r.cim_class(ns, cls, False, False, False, props)
        return self._open(req, ns, dict(a, filterquery=None, filterquerylanguage=None), it,
                          'instances', lambda i: inst(ns, i, False, props), extra)

    def pull(self, req, ns, a):
        ctx = self.repo.contexts.get(a['enumerationcontext'], ns.name)
        req.log_class = ctx.classname
        want = {'pullinstanceswithpath': 'withpath', 'pullinstancepaths': 'paths',
                'pullinstances': 'instances'}[req.name.lower()]
        if ctx.kind != want:
            self.repo.contexts.release(ctx, False)
            raise CIMError(4, '%s cannot continue a %s enumeration' % (req.name, ctx.kind))
        return self._page(ctx, a['maxobjectcount'])

    def close(self, req, ns, a):
        self.repo.contexts.close(a['enumerationcontext'])
        return []

    def enum_count(self, req, ns, a):
        raise CIMError(7, 'EnumerationCount is not supported')

    # -- extrinsic methods
    def invoke(self, req):
        self.repo.ns(req.namespace)
        params = {n: v for n, v in req.params.values()}
        target = req.target if isinstance(req.target, InstancePath) else str(req.target)
        rtype, ret, outs = self.repo.invoke(req.namespace, target, req.name, params)
        ns = self.repo.ns(req.namespace)
        out = ['<RETURNVALUE PARAMTYPE="%s">\n%s</RETURNVALUE>\n' % (
            rtype, self.r.value_xml(ns, ret, rtype))]
        for p, v in outs:
            emb = self.r._emb_attr(p)
            t = 'string' if p.embedded else p.type
            val = self.r.value_xml(ns, v, p.type, bool(p.embedded))
            if val:
                out.append('<PARAMVALUE NAME="%s" PARAMTYPE="%s"%s>\n%s</PARAMVALUE>\n'
                           % (p.name, t, emb, val))
            else:
                out.append('<PARAMVALUE NAME="%s" PARAMTYPE="%s"%s/>\n' % (p.name, t, emb))
        return out
