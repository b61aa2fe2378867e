#!/usr/bin/env python3
"""Fixture CIM repository for the cimtui test server.

Protocol-neutral on purpose: nothing here knows about XML or HTTP, so the
same model can back the CIM-XML side (cimxml.py) and a WS-Management side
later.  Values are plain Python objects:

  string/datetime/char16 -> str      boolean -> bool     integers -> int
  real32/real64          -> float    reference -> InstancePath
  embedded instance      -> Instance arrays -> list (None = NULL element)
  NULL                   -> None (or the property is simply absent)

Errors are raised as CIMError(code, message); the protocol layer decides
how a given server flavour spells them.
"""

import itertools
import re
import threading
import time

CODE_NAMES = {
    1: 'CIM_ERR_FAILED', 2: 'CIM_ERR_ACCESS_DENIED',
    3: 'CIM_ERR_INVALID_NAMESPACE', 4: 'CIM_ERR_INVALID_PARAMETER',
    5: 'CIM_ERR_INVALID_CLASS', 6: 'CIM_ERR_NOT_FOUND',
    7: 'CIM_ERR_NOT_SUPPORTED', 8: 'CIM_ERR_CLASS_HAS_CHILDREN',
    9: 'CIM_ERR_CLASS_HAS_INSTANCES', 10: 'CIM_ERR_INVALID_SUPERCLASS',
    11: 'CIM_ERR_ALREADY_EXISTS', 12: 'CIM_ERR_NO_SUCH_PROPERTY',
    13: 'CIM_ERR_TYPE_MISMATCH', 14: 'CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED',
    15: 'CIM_ERR_INVALID_QUERY', 16: 'CIM_ERR_METHOD_NOT_AVAILABLE',
    17: 'CIM_ERR_METHOD_NOT_FOUND', 20: 'CIM_ERR_NAMESPACE_NOT_EMPTY',
    21: 'CIM_ERR_INVALID_ENUMERATION_CONTEXT',
    22: 'CIM_ERR_INVALID_OPERATION_TIMEOUT',
    23: 'CIM_ERR_PULL_HAS_BEEN_ABANDONED',
    24: 'CIM_ERR_PULL_CANNOT_BE_ABANDONED',
    25: 'CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED',
    26: 'CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED',
    27: 'CIM_ERR_SERVER_LIMITS_EXCEEDED', 28: 'CIM_ERR_SERVER_IS_SHUTTING_DOWN',
    29: 'CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED',
}


class CIMError(Exception):
    """A CIM status code plus a human readable detail text."""

    def __init__(self, code, message=''):
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self):
        return '%s: %s' % (CODE_NAMES.get(self.code, 'CIM_ERR_%d' % self.code),
                           self.message)


# Qualifier name -> (CIM type, is_array).  The encoder needs TYPE= for
# every QUALIFIER element; keeping the table here avoids per-use typing.
QUALIFIER_TYPES = {
    'key': ('boolean', False), 'description': ('string', False),
    'valuemap': ('string', True), 'values': ('string', True),
    'abstract': ('boolean', False), 'association': ('boolean', False),
    'aggregate': ('boolean', False), 'aggregation': ('boolean', False),
    'embeddedinstance': ('string', False), 'embeddedobject': ('boolean', False),
    'in': ('boolean', False), 'out': ('boolean', False),
    'required': ('boolean', False), 'units': ('string', False),
    'punit': ('string', False), 'maxlen': ('uint32', False),
    'version': ('string', False), 'static': ('boolean', False),
    'override': ('string', False), 'octetstring': ('boolean', False),
    'umlpackagepath': ('string', False), 'deprecated': ('string', True),
    'min': ('uint32', False), 'max': ('uint32', False),
}

INT_RANGES = {
    'uint8': (0, 2**8 - 1), 'sint8': (-2**7, 2**7 - 1),
    'uint16': (0, 2**16 - 1), 'sint16': (-2**15, 2**15 - 1),
    'uint32': (0, 2**32 - 1), 'sint32': (-2**31, 2**31 - 1),
    'uint64': (0, 2**64 - 1), 'sint64': (-2**63, 2**63 - 1),
}


# ---------------------------------------------------------------- schema

class Feature:
    """A property, method parameter or method: name, type, qualifiers.

    `type` is a CIM type name or 'reference' (then ref_class is set).
    Qualifiers are given as keyword arguments, e.g. Key=True.
    """

    def __init__(self, name, type, array=False, ref=None, default=None,
                 **quals):
        self.name = name
        self.type = 'reference' if ref else type
        self.is_array = array
        self.ref_class = ref
        self.default = default
        self.quals = quals
        self.class_origin = None
        self.propagated = False
        self.params = []          # only for methods
        lq = {k.lower(): v for k, v in quals.items()}
        self.is_key = bool(lq.get('key'))
        if 'embeddedinstance' in lq:
            self.embedded = 'instance'
        elif lq.get('embeddedobject'):
            self.embedded = 'object'
        else:
            self.embedded = None

    def copy(self, origin, propagated):
        f = Feature.__new__(Feature)
        f.__dict__.update(self.__dict__)
        f.class_origin = origin
        f.propagated = propagated
        return f


Prop = Feature
Param = Feature


def Method(name, rtype, params=(), **quals):
    m = Feature(name, rtype, **quals)
    m.params = list(params)
    return m


class CIMClass:
    def __init__(self, name, superclass=None, props=(), methods=(), **quals):
        self.name = name
        self.superclass = superclass
        self.quals = quals
        self.local_props = list(props)
        self.local_methods = list(methods)
        # Filled in by Namespace.add_class (inheritance resolved).
        self.props = []
        self.prop_map = {}
        self.methods = []
        self.method_map = {}
        self.keys = []
        lq = {k.lower(): v for k, v in quals.items()}
        self.is_association = bool(lq.get('association'))
        self.is_abstract = bool(lq.get('abstract'))


# ------------------------------------------------------------- instances

class InstancePath:
    """Class name + ordered key bindings [(name, value)], optional namespace.

    Values coming from the wire are raw strings (or nested InstancePath);
    Namespace.canon() turns them into a comparable form using the class.
    """
    __slots__ = ('classname', 'keys', 'namespace', 'host')

    def __init__(self, classname, keys=(), namespace=None, host=None):
        self.classname = classname
        self.keys = list(keys)
        self.namespace = namespace
        self.host = host

    def __repr__(self):
        return 'InstancePath(%r, %r, ns=%r)' % (self.classname, self.keys,
                                               self.namespace)

    def to_wbem_uri(self):
        """Untyped WBEM-URI-like text, used in error messages and logs."""
        parts = []
        for k, v in self.keys:
            if isinstance(v, InstancePath):
                v = '"%s"' % v.to_wbem_uri().replace('"', '\\"')
            elif isinstance(v, bool):
                v = 'TRUE' if v else 'FALSE'
            elif isinstance(v, int):
                v = str(v)
            else:
                v = '"%s"' % str(v).replace('\\', '\\\\').replace('"', '\\"')
            parts.append('%s=%s' % (k, v))
        return self.classname + ('.' + ','.join(parts) if parts else '')


class Instance:
    __slots__ = ('classname', 'values', 'path')

    def __init__(self, classname, values, path=None):
        self.classname = classname
        self.values = values      # {property name: python value}
        self.path = path


def convert(text, cimtype, what='value'):
    """Convert wire text into the python value for cimtype (CIMError 4)."""
    if text is None:
        return None
    if isinstance(text, list):
        return [convert(t, cimtype, what) for t in text]
    if cimtype == 'reference':
        if not isinstance(text, InstancePath):
            raise CIMError(4, '%s: reference expected' % what)
        return text
    if isinstance(text, InstancePath):
        raise CIMError(4, '%s: unexpected reference' % what)
    t = text.strip()
    try:
        if cimtype in INT_RANGES:
            v = int(t, 16) if t.lower().startswith(('0x', '-0x')) else int(t)
            lo, hi = INT_RANGES[cimtype]
            if not lo <= v <= hi:
                raise ValueError('out of range')
            return v
        if cimtype in ('real32', 'real64'):
            return float(t)
        if cimtype == 'boolean':
            if t.lower() in ('true', '1'):
                return True
            if t.lower() in ('false', '0'):
                return False
            raise ValueError('not a boolean')
    except ValueError as e:
        raise CIMError(4, '%s: invalid %s %r (%s)' % (what, cimtype, text, e))
    if cimtype == 'char16' and len(text) != 1:
        raise CIMError(4, '%s: char16 needs one character' % what)
    return text


# ------------------------------------------------------------- namespace

class Namespace:
    def __init__(self, name):
        self.name = name
        self.classes = {}          # lower name -> CIMClass
        self.order = []            # class names in definition order
        self.children = {}         # lower name -> [child class names]
        self.instances = {}        # lower class -> {canon key: Instance}
        self.providers = {}        # lower class -> lazy provider

    # -- classes
    def add_class(self, cls):
        sup = None
        if cls.superclass:
            sup = self.classes[cls.superclass.lower()]
            self.children.setdefault(sup.name.lower(), []).append(cls.name)
        props = [p.copy(p.class_origin, True) for p in sup.props] if sup else []
        methods = [m.copy(m.class_origin, True) for m in sup.methods] if sup else []
        for feats, local in ((props, cls.local_props), (methods, cls.local_methods)):
            for f in local:
                f = f.copy(cls.name, False)
                for i, old in enumerate(feats):
                    if old.name.lower() == f.name.lower():
                        # Override: keep position, keep Key-ness of parent.
                        if old.is_key and not f.is_key:
                            f.is_key = True
                        feats[i] = f
                        break
                else:
                    feats.append(f)
        cls.props, cls.methods = props, methods
        cls.prop_map = {p.name.lower(): p for p in props}
        cls.method_map = {m.name.lower(): m for m in methods}
        cls.keys = [p for p in props if p.is_key]
        self.classes[cls.name.lower()] = cls
        self.order.append(cls.name)
        return cls

    def get_class(self, name, code=6):
        cls = self.classes.get((name or '').lower())
        if cls is None:
            raise CIMError(code, name)
        return cls

    def subclasses(self, name, deep):
        """Direct (deep=False) or all subclasses of name, definition order."""
        out = []
        for c in self.children.get(name.lower(), []):
            out.append(self.classes[c.lower()])
            if deep:
                out.extend(self.subclasses(c, True))
        return out

    def top_classes(self):
        return [self.classes[n.lower()] for n in self.order
                if not self.classes[n.lower()].superclass]

    def is_a(self, classname, base):
        cls = self.classes.get(classname.lower())
        while cls is not None:
            if cls.name.lower() == base.lower():
                return True
            cls = self.classes.get((cls.superclass or '').lower())
        return False

    # -- instances
    def canon(self, path):
        """Comparable identity of an instance path (class + typed keys)."""
        cls = self.classes.get(path.classname.lower())
        if cls is None:
            return None
        keys = []
        for name, val in path.keys:
            p = cls.prop_map.get(name.lower())
            if p is None or not p.is_key:
                return None
            if isinstance(val, InstancePath):
                val = ('ref', self.canon_any(val))
            else:
                try:
                    val = convert(val, p.type, name) if isinstance(val, str) else val
                except CIMError:
                    return None
            keys.append((name.lower(), val))
        if len(keys) != len(cls.keys):
            return None
        return tuple(sorted(keys, key=lambda kv: kv[0]))

    def canon_any(self, path):
        """Identity used to compare references: class + canonical keys."""
        return (path.classname.lower(), self.canon(path))

    def make_path(self, cls, values):
        return InstancePath(cls.name, [(p.name, values.get(p.name)) for p in cls.keys])

    def add_instance(self, classname, **values):
        cls = self.classes[classname.lower()]
        inst = Instance(cls.name, values, None)
        inst.path = self.make_path(cls, values)
        self.instances.setdefault(cls.name.lower(), {})[self.canon(inst.path)] = inst
        return inst

    def iter_class_instances(self, cls):
        prov = self.providers.get(cls.name.lower())
        if prov is not None:
            return prov.iter_instances()
        return iter(list(self.instances.get(cls.name.lower(), {}).values()))

    def enum_instances(self, classname, deep_classes=True):
        """Iterator over instances of classname and its subclasses.

        Validation happens now (raises 5); the iterator itself is lazy so a
        million-row provider is never materialised.
        """
        cls = self.get_class(classname, 5)
        classes = [cls] + self.subclasses(cls.name, True)
        return itertools.chain.from_iterable(
            self.iter_class_instances(c) for c in classes)

    def get_instance(self, path):
        cls = self.get_class(path.classname, 5)
        prov = self.providers.get(cls.name.lower())
        if prov is not None:
            inst = prov.get(self, path)
            if inst is None:
                raise CIMError(6, path.to_wbem_uri())
            return inst
        key = self.canon(path)
        for c in [cls] + self.subclasses(cls.name, True):
            inst = self.instances.get(c.name.lower(), {}).get(key)
            if inst is not None:
                return inst
            # A path naming the subclass resolves inside that subclass only.
        raise CIMError(6, path.to_wbem_uri())

    # -- associations
    def _assoc_classes(self, assoc_class):
        out = []
        for cls in self.classes.values():
            if not cls.is_association:
                continue
            if assoc_class and not self.is_a(cls.name, assoc_class):
                continue
            out.append(cls)
        return out

    def _same(self, ref, target_key):
        return self.canon_any(ref) == target_key

    def references(self, path, result_class=None, role=None):
        """Association instances that point at path (lazy-safe list)."""
        self.get_instance(path)   # 5/6 for unknown objects, like real CIMOMs
        if result_class:
            self.get_class(result_class, 5)
        target = self.canon_any(path)
        out = []
        for cls in self._assoc_classes(result_class):
            refs = [p for p in cls.props if p.type == 'reference']
            for inst in self.instances.get(cls.name.lower(), {}).values():
                for p in refs:
                    if role and p.name.lower() != role.lower():
                        continue
                    v = inst.values.get(p.name)
                    if isinstance(v, InstancePath) and self._same(v, target):
                        out.append(inst)
                        break
        return out

    def associators(self, path, assoc_class=None, result_class=None,
                    role=None, result_role=None):
        """Instances linked to path through association instances."""
        self.get_instance(path)
        if assoc_class:
            self.get_class(assoc_class, 5)
        if result_class:
            self.get_class(result_class, 5)
        target = self.canon_any(path)
        seen, out = set(), []
        for cls in self._assoc_classes(assoc_class):
            refs = [p for p in cls.props if p.type == 'reference']
            for inst in self.instances.get(cls.name.lower(), {}).values():
                near = [p for p in refs
                        if isinstance(inst.values.get(p.name), InstancePath)
                        and self._same(inst.values[p.name], target)
                        and (not role or p.name.lower() == role.lower())]
                if not near:
                    continue
                for p in refs:
                    if p in near:
                        continue
                    if result_role and p.name.lower() != result_role.lower():
                        continue
                    other = inst.values.get(p.name)
                    if not isinstance(other, InstancePath):
                        continue
                    if self._same(other, target):
                        continue
                    if result_class and not self.is_a(other.classname, result_class):
                        continue
                    k = self.canon_any(other)
                    if k in seen:
                        continue
                    try:
                        obj = self.get_instance(other)
                    except CIMError:
                        continue
                    seen.add(k)
                    out.append(obj)
        return out

    def class_references(self, classname, result_class=None, role=None):
        self.get_class(classname, 6)
        out = []
        for cls in self._assoc_classes(result_class):
            for p in cls.props:
                if p.type == 'reference' and (not role or p.name.lower() == role.lower()) \
                        and self.is_a(classname, p.ref_class):
                    out.append(cls)
                    break
        return out

    def class_associators(self, classname, assoc_class=None, result_class=None,
                          role=None, result_role=None):
        out = []
        for a in self.class_references(classname, assoc_class, role):
            refs = [p for p in a.props if p.type == 'reference']
            near = [p for p in refs if self.is_a(classname, p.ref_class)
                    and (not role or p.name.lower() == role.lower())]
            for q in refs:
                if q in near and len(near) == 1:
                    continue
                if result_role and q.name.lower() != result_role.lower():
                    continue
                c = self.classes.get(q.ref_class.lower())
                if c and (not result_class or self.is_a(c.name, result_class)) \
                        and c not in out:
                    out.append(c)
        return out


# ---------------------------------------------------------- lazy provider

class BulkProvider:
    """TST_Bulk: N synthetic instances computed from their index.

    Never builds a list: iter_instances() is a generator and get() parses
    the index back out of the key, so --bulk 2000000 costs nothing until
    somebody enumerates it.
    """

    def __init__(self, cls, count):
        self.cls = cls
        self.count = count
        self.names = [p.name for p in cls.props]

    def row(self, i):
        s, m, h = i % 60, (i // 60) % 60, (i // 3600) % 24
        return Instance('TST_Bulk', {
            'InstanceID': 'BULK-%08d' % i,
            'Index': i,
            'Name': 'bulk-item-%d' % i,
            'Enabled': i % 2 == 0,
            'Count': i * 1000,
            'Delta': i - 500000,
            'Ratio': i * 0.5,
            'Status': i % 5,
            'Created': '20260101%02d%02d%02d.%06d+000' % (h, m, s, i % 1000000),
            'Uptime': '%08d%02d%02d%02d.000000:000' % (i // 86400, h, m, s),
            'Level': i % 256,
            'Small': i % 256 - 128,
            'Mid': i % 65536 - 32768,
            'Big': -i * 1000003,
            'Ratio32': (i % 4) * 0.25,
            'Letter': chr(65 + i % 26),
            'Label': 'Grüße %d ✓' % i,
            'Tags': ['bulk', 'g%d' % (i % 10)],
            'Codes': [i % 3, i % 5],
            'Description': None if i % 10 == 9 else 'Bulk instance number %d' % i,
        }, InstancePath('TST_Bulk', [('InstanceID', 'BULK-%08d' % i)]))

    def iter_instances(self):
        row = self.row
        return (row(i) for i in range(self.count))

    def get(self, ns, path):
        if len(path.keys) != 1 or path.keys[0][0].lower() != 'instanceid':
            return None
        m = re.fullmatch(r'BULK-(\d{8,})', str(path.keys[0][1]))
        if not m or int(m.group(1)) >= self.count:
            return None
        return self.row(int(m.group(1)))


# ------------------------------------------------------------------ query

_TOKEN = re.compile(r"""\s*(?:
    (?P<num>[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+) |
    (?P<str>'(?:[^']|'')*'|"(?:[^"\\]|\\.)*") |
    (?P<op><=|>=|<>|!=|=|<|>|\(|\)|,|\*) |
    (?P<id>[A-Za-z_][A-Za-z0-9_.:]*)
)""", re.X)


def _tokenize(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise CIMError(15, 'unexpected text at %d: %r' % (pos, text[pos:pos + 20]))
        pos = m.end()
        kind = m.lastgroup
        val = m.group(kind)
        if kind == 'str':
            q = val[0]
            val = val[1:-1].replace("''", "'") if q == "'" else \
                re.sub(r'\\(.)', r'\1', val[1:-1])
        out.append((kind, val))
    return out


class Query:
    """The simple WQL/CQL/FQL subset: SELECT * | p, ... FROM C [WHERE e]
    with e := t (OR t)*, t := f (AND f)*, f := [NOT] (prop op lit |
    prop IS [NOT] NULL | ( e ))."""

    def __init__(self, text, where_only=False):
        self.toks = _tokenize(text)
        self.i = 0
        self.props = None
        self.classname = None
        if where_only:
            self.where = self._expr()
        else:
            self._kw('SELECT')
            if self._peek() == ('op', '*'):
                self.i += 1
            else:
                self.props = [self._ident()]
                while self._peek() == ('op', ','):
                    self.i += 1
                    self.props.append(self._ident())
            self._kw('FROM')
            self.classname = self._ident()
            self.where = None
            if self._peek_kw('WHERE'):
                self.i += 1
                self.where = self._expr()
        if self.i != len(self.toks):
            raise CIMError(15, 'trailing text in query')

    def _peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def _peek_kw(self, kw):
        k, v = self._peek()
        return k == 'id' and v.upper() == kw

    def _kw(self, kw):
        if not self._peek_kw(kw):
            raise CIMError(15, 'expected %s' % kw)
        self.i += 1

    def _ident(self):
        k, v = self._peek()
        if k != 'id':
            raise CIMError(15, 'expected a name, got %r' % (v,))
        self.i += 1
        return v

    def _expr(self):
        terms = [self._term()]
        while self._peek_kw('OR'):
            self.i += 1
            terms.append(self._term())
        return ('or', terms) if len(terms) > 1 else terms[0]

    def _term(self):
        facts = [self._factor()]
        while self._peek_kw('AND'):
            self.i += 1
            facts.append(self._factor())
        return ('and', facts) if len(facts) > 1 else facts[0]

    def _factor(self):
        if self._peek_kw('NOT'):
            self.i += 1
            return ('not', self._factor())
        if self._peek() == ('op', '('):
            self.i += 1
            e = self._expr()
            if self._peek() != ('op', ')'):
                raise CIMError(15, 'missing )')
            self.i += 1
            return e
        prop = self._ident()
        if self._peek_kw('IS'):
            self.i += 1
            neg = False
            if self._peek_kw('NOT'):
                self.i += 1
                neg = True
            self._kw('NULL')
            return ('isnull', prop, neg)
        k, op = self._peek()
        if k != 'op' or op not in ('=', '<>', '!=', '<', '>', '<=', '>='):
            raise CIMError(15, 'expected comparison after %s' % prop)
        self.i += 1
        k, lit = self._peek()
        if k == 'id' and lit.upper() in ('TRUE', 'FALSE'):
            lit = lit.upper() == 'TRUE'
        elif k == 'id' and lit.upper() == 'NULL':
            lit = None
        elif k == 'num':
            lit = float(lit) if re.search(r'[.eE]', lit) and not lit.lower().startswith('0x') \
                else int(lit, 0)
        elif k != 'str':
            raise CIMError(15, 'expected a literal after %s %s' % (prop, op))
        self.i += 1
        return ('cmp', prop, '!=' if op == '<>' else op, lit)

    def check(self, cls):
        """Validate property names against the FROM class (15 if unknown)."""
        names = list(self.props or [])

        def walk(e):
            if e is None:
                return
            if e[0] in ('and', 'or'):
                for x in e[1]:
                    walk(x)
            elif e[0] == 'not':
                walk(e[1])
            else:
                names.append(e[1])
        walk(self.where)
        for n in names:
            if n.lower() not in cls.prop_map:
                raise CIMError(15, 'no property %s in %s' % (n, cls.name))

    def matches(self, inst):
        return self.where is None or self._eval(self.where, inst)

    def _eval(self, e, inst):
        op = e[0]
        if op == 'and':
            return all(self._eval(x, inst) for x in e[1])
        if op == 'or':
            return any(self._eval(x, inst) for x in e[1])
        if op == 'not':
            return not self._eval(e[1], inst)
        v = _get_ci(inst.values, e[1])
        if op == 'isnull':
            return (v is None) != e[2]
        _, _, cmp, lit = e
        if v is None or lit is None or isinstance(v, (list, Instance, InstancePath)):
            return False
        try:
            if isinstance(v, bool):
                lit = lit if isinstance(lit, bool) else str(lit).lower() in ('true', '1')
            elif isinstance(v, (int, float)):
                lit = float(lit) if not isinstance(lit, (int, float)) else lit
            else:
                lit = str(lit) if not isinstance(lit, bool) else ('TRUE' if lit else 'FALSE')
            return {'=': v == lit, '!=': v != lit, '<': v < lit, '>': v > lit,
                    '<=': v <= lit, '>=': v >= lit}[cmp]
        except (TypeError, ValueError):
            return False


def _get_ci(values, name):
    if name in values:
        return values[name]
    ln = name.lower()
    for k, v in values.items():
        if k.lower() == ln:
            return v
    return None


QUERY_LANGUAGES = ('wql', 'cql', 'dmtf:cql', 'dmtf:fql')


# -------------------------------------------------- enumeration contexts

class EnumerationContexts:
    """Open pull enumerations: id -> lazy iterator with one-item lookahead.

    Thread-safe; ids look like OpenPegasus' ("500001").  A context dies on
    EndOfSequence, CloseEnumeration, an error, or after its timeout.
    """

    class Ctx:
        def __init__(self, cid, it, ns, classname, kind, timeout):
            self.id, self.it, self.ns, self.classname = cid, it, ns, classname
            self.kind, self.timeout = kind, timeout
            self.pending = []
            self.touched = time.monotonic()
            self.render = None

        def take_lazy(self, n, state):
            """Yield up to n items, then set state['eos'].

            One item of lookahead (self.pending) tells whether this page is
            the last one, so EndOfSequence=TRUE comes with the final items
            as OpenPegasus does, never as an extra empty page.
            """
            count = 0
            while count < n:
                if self.pending:
                    item = self.pending.pop()
                else:
                    try:
                        item = next(self.it)
                    except StopIteration:
                        state['eos'] = True
                        return
                count += 1
                yield item
            if not self.pending:
                try:
                    self.pending.append(next(self.it))
                except StopIteration:
                    state['eos'] = True
                    return
            state['eos'] = False

    def __init__(self, default_timeout=60):
        self.lock = threading.Lock()
        self.ctxs = {}
        self.counter = itertools.count(500001)
        self.default_timeout = default_timeout

    def open(self, it, ns, classname, kind, timeout=None):
        if timeout is not None and timeout == 0:
            raise CIMError(22, 'OperationTimeout 0 is not supported')
        with self.lock:
            cid = str(next(self.counter))
            ctx = self.Ctx(cid, it, ns, classname, kind,
                           timeout if timeout is not None else self.default_timeout)
            self.ctxs[cid] = ctx
            return ctx

    def get(self, cid, ns=None):
        with self.lock:
            ctx = self.ctxs.get((cid or '').strip())
            if ctx is None:
                raise CIMError(21, 'Context undefined.')
            if time.monotonic() - ctx.touched > ctx.timeout:
                del self.ctxs[ctx.id]
                raise CIMError(21, 'Context expired.')
            if ns is not None and ns.lower() != ctx.ns.lower():
                raise CIMError(21, 'Context belongs to namespace %s' % ctx.ns)
            return ctx

    def release(self, ctx, closed):
        with self.lock:
            ctx.touched = time.monotonic()
            if closed:
                self.ctxs.pop(ctx.id, None)

    def close(self, cid):
        with self.lock:
            if self.ctxs.pop((cid or '').strip(), None) is None:
                raise CIMError(21, 'Context undefined.')

    def count(self):
        with self.lock:
            return len(self.ctxs)


# ------------------------------------------------------------- repository

class Repository:
    """All namespaces plus method implementations.

    interop: 'root/interop' (SFCB, default) or 'root/PG_InterOp' (Pegasus,
    whose namespace instances are PG_Namespace).  product names the
    CIM_ObjectManager so clients can pick quirks.
    """

    def __init__(self, bulk=0, interop='root/interop', product='cimomd',
                 host='localhost', pegasus=False):
        self.host = host
        self.interop = interop
        self.namespaces = {}
        self.contexts = EnumerationContexts()
        from fixtures import build   # data lives apart from the model
        build(self, bulk=bulk, product=product, pegasus=pegasus)

    def add_namespace(self, name):
        ns = Namespace(name)
        self.namespaces[name.lower()] = ns
        return ns

    def ns(self, name):
        ns = self.namespaces.get((name or '').strip('/').lower())
        if ns is None:
            raise CIMError(3, name or '(empty)')
        return ns

    # -- extrinsic methods: (class lower, method lower) -> implementation
    def invoke(self, nsname, target, method, params):
        """Run an extrinsic method.

        target: InstancePath or class name; params: {name: wire value}.
        Returns (return_type, return_value, [(Feature, value), ...]).
        """
        ns = self.ns(nsname)
        classname = target.classname if isinstance(target, InstancePath) else target
        cls = ns.get_class(classname, 5)
        m = cls.method_map.get(method.lower())
        if m is None:
            raise CIMError(17, '%s.%s' % (cls.name, method))
        if isinstance(target, InstancePath):
            ns.get_instance(target)
        elif not {k.lower(): v for k, v in m.quals.items()}.get('static'):
            raise CIMError(4, '%s is not static; call it on an instance' % m.name)
        pmap = {p.name.lower(): p for p in m.params}
        args = {}
        for name, raw in params.items():
            p = pmap.get(name.lower())
            if p is None or not {k.lower(): v for k, v in p.quals.items()}.get('in', True):
                raise CIMError(4, 'no input parameter %s for %s' % (name, m.name))
            args[p.name] = convert(raw, p.type, p.name)
        impl = METHODS.get((m.class_origin.lower(), m.name.lower()))
        if impl is None:
            raise CIMError(16, m.name)
        ret, outs = impl(ns, target, args)
        out = []
        for name, val in outs:
            out.append((pmap[name.lower()], val))
        return m.type, ret, out


def _need(args, *names):
    for n in names:
        if args.get(n) is None:
            raise CIMError(4, 'parameter %s is required' % n)


def _m_add(ns, target, args):
    _need(args, 'A', 'B')
    return 0, [('Sum', args['A'] + args['B'])]


def _m_echo(ns, target, args):
    _need(args, 'Text')
    t = args['Text']
    return t, [('Reversed', t[::-1]), ('Length', len(t))]


def _m_describe(ns, target, args):
    emb = Instance('TST_Embedded', {'Name': 'calculator', 'Value': 42,
                                    'When': '20260101120000.000000+000'})
    return 0, [('Info', emb), ('Modes', ['add', 'echo', 'describe'])]


def _m_rsc(ns, target, args):
    _need(args, 'RequestedState')
    ok = args['RequestedState'] in (2, 3, 6, 9, 10, 11)
    return (0 if ok else 5), [('Job', None)]


METHODS = {
    ('tst_calculator', 'add'): _m_add,
    ('tst_calculator', 'echo'): _m_echo,
    ('tst_calculator', 'describe'): _m_describe,
    ('cim_enabledlogicalelement', 'requeststatechange'): _m_rsc,
}
