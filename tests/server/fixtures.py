#!/usr/bin/env python3
"""Fixture classes and instances of the test CIM server.

Kept apart from repository.py so that the model code stays short.  The
TEST_* classes and values reproduce the MOF the real servers were loaded
with (captures/cimxml/sfcb-1.3/fixtures/test_widgets_root-test.mof), so
requests copied from the captures get the same answers here.  They exist
in root/test (SFCB captures) and root/cimv2 (OpenPegasus captures).
"""

from repository import (CIMClass, InstancePath, Instance, Method, Param,
                        Prop, BulkProvider)

WEIGHTS = [95.978, 98.165, 14.034, 58.229, 96.682, 38.504, 54.748, 31.386,
           2.866, 20.457, 12.399, 28.424, 62.948, 56.302, 94.823, 68.546,
           36.232, 94.940, 63.402, 54.324]

HEALTH = dict(ValueMap=['0', '1', '2', '3'],
              Values=['Unknown', 'OK', 'Degraded', 'Error'])


def base_classes(ns):
    """CIM_ManagedElement .. CIM_EnabledLogicalElement (4 levels)."""
    ns.add_class(CIMClass('CIM_ManagedElement', None, [
        Prop('InstanceID', 'string', Description='Opaque unique id within the namespace.'),
        Prop('Caption', 'string', MaxLen=64, Description='Short one-line description.'),
        Prop('Description', 'string', Description='Textual description of the object.'),
        Prop('ElementName', 'string', Description='A user-friendly name for the object.'),
    ], Abstract=True, Version='2.19.0', UMLPackagePath='CIM::Core::CoreElements',
        Description='Abstract root of the CIM class hierarchy.'))
    ns.add_class(CIMClass('CIM_ManagedSystemElement', 'CIM_ManagedElement', [
        Prop('InstallDate', 'datetime', Description='When the object was installed.'),
        Prop('Name', 'string', MaxLen=1024, Description='Label by which the object is known.'),
        Prop('OperationalStatus', 'uint16', array=True,
             ValueMap=['0', '1', '2', '3', '5', '6', '..', '0x8000..'],
             Values=['Unknown', 'Other', 'OK', 'Degraded', 'Predictive Failure',
                     'Error', 'DMTF Reserved', 'Vendor Reserved'],
             Description='Current statuses of the element.'),
        Prop('HealthState', 'uint16', ValueMap=['0', '5', '10', '15', '20', '25', '30'],
             Values=['Unknown', 'OK', 'Degraded/Warning', 'Minor failure',
                     'Major failure', 'Critical failure', 'Non-recoverable error'],
             Description='Current health of the element.'),
    ], Abstract=True, Description='Base class for system components.'))
    ns.add_class(CIMClass('CIM_LogicalElement', 'CIM_ManagedSystemElement', [],
                          Abstract=True, Description='Base class for logical components.'))
    ns.add_class(CIMClass('CIM_EnabledLogicalElement', 'CIM_LogicalElement', [
        Prop('EnabledState', 'uint16', default=5,
             ValueMap=['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'],
             Values=['Unknown', 'Other', 'Enabled', 'Disabled', 'Shutting Down',
                     'Not Applicable', 'Enabled but Offline', 'In Test', 'Deferred',
                     'Quiesce', 'Starting', 'DMTF Reserved'],
             Description='Enabled and disabled states of the element.'),
        Prop('TimeOfLastStateChange', 'datetime'),
    ], [
        Method('RequestStateChange', 'uint32', [
            Param('RequestedState', 'uint16', In=True,
                  ValueMap=['2', '3', '6', '9', '10', '11'],
                  Values=['Enabled', 'Disabled', 'Offline', 'Quiesce', 'Reboot', 'Reset'],
                  Description='The state requested for the element.'),
            Param('Job', None, ref='CIM_ManagedElement', In=False, Out=True,
                  Description='Reference to the job (always NULL here).'),
            Param('TimeoutPeriod', 'datetime', In=True, Description='Interval.'),
        ], ValueMap=['0', '1', '2', '3', '4', '5', '..'],
            Values=['Completed with No Error', 'Not Supported', 'Unknown/Unspecified Error',
                    'Cannot complete within Timeout Period', 'Failed',
                    'Invalid Parameter', 'DMTF Reserved'],
            Description='Requests a state change; returns 5 for unknown states.'),
    ], Abstract=True, Description='Element that can be enabled and disabled.'))


def test_fixture(ns, with_bulk=0):
    """The capture MOF plus the type zoo, devices, methods and TST_Bulk."""
    ns.add_class(CIMClass('TEST_WidgetGroup', 'CIM_ManagedElement', [
        Prop('InstanceID', 'string', Key=True, Description='Group id'),
        Prop('Name', 'string'),
        Prop('MemberCount', 'uint32'),
    ], Description='Test group of widgets'))
    ns.add_class(CIMClass('TEST_Widget', 'CIM_ManagedElement', [
        Prop('InstanceID', 'string', Key=True),
        Prop('Index', 'uint32'), Prop('Offset', 'sint64'), Prop('Label', 'string'),
        Prop('Enabled', 'boolean'), Prop('Weight', 'real64'),
        Prop('Created', 'datetime'), Prop('Codes', 'uint16', array=True),
        Prop('Tags', 'string', array=True), Prop('Health', 'uint16', **HEALTH),
    ], Description='Test widget with a mix of property types'))
    ns.add_class(CIMClass('TEST_GroupMember', None, [
        Prop('Group', None, ref='TEST_WidgetGroup', Key=True, Aggregate=True),
        Prop('Member', None, ref='TEST_Widget', Key=True),
    ], Association=True, Description='Widget membership in a group'))
    for g in range(2):
        ns.add_instance('TEST_WidgetGroup', InstanceID='G%02d' % g, Name='Group %d' % g,
                        MemberCount=10, Caption='widget group %d' % g)
    for i in range(20):
        ns.add_instance(
            'TEST_Widget', InstanceID='W%05d' % i, Index=i, Offset=-5000000 + i * 1000,
            Label='Widget number %d <&> "q"' % i, Enabled=bool(i % 2), Weight=WEIGHTS[i],
            Created='202601010000%02d.000000+000' % i, Codes=[i % 7, i % 11, i % 13],
            Tags=['alpha', 't%d' % (i % 17)], Health=i % 4, ElementName='widget-%d' % i,
            Description='A test widget used to exercise CIM-XML parsing, number %d' % i)
        ns.add_instance('TEST_GroupMember',
                        Group=InstancePath('TEST_WidgetGroup', [('InstanceID', 'G%02d' % (i % 2))]),
                        Member=InstancePath('TEST_Widget', [('InstanceID', 'W%05d' % i)]))

    # Devices: a 6-level chain ending in TST_Disk, two associations.
    ns.add_class(CIMClass('TST_ComputerSystem', 'CIM_EnabledLogicalElement', [
        Prop('CreationClassName', 'string', Key=True, MaxLen=256),
        Prop('Name', 'string', Key=True, Override='Name', MaxLen=256),
        Prop('Dedicated', 'uint16', array=True),
    ], Description='A computer system holding the test devices.'))
    ns.add_class(CIMClass('TST_Device', 'CIM_EnabledLogicalElement', [
        Prop('CreationClassName', 'string', Key=True),
        Prop('DeviceID', 'string', Key=True, Description='Device identifier.'),
        Prop('PowerOnHours', 'uint64', Units='Hours', PUnit='hour'),
    ], Description='A logical device (level 5).'))
    ns.add_class(CIMClass('TST_Disk', 'TST_Device', [
        Prop('Capacity', 'uint64', Units='Bytes', PUnit='byte'),
        Prop('BlockSize', 'uint32'),
        Prop('Removable', 'boolean'),
        Prop('Vendor', 'string'),
    ], Description='A disk drive (level 6).'))
    ns.add_class(CIMClass('TST_SystemDevice', None, [
        Prop('GroupComponent', None, ref='TST_ComputerSystem', Key=True, Aggregate=True),
        Prop('PartComponent', None, ref='TST_Device', Key=True),
    ], Association=True, Aggregation=True, Description='Devices of a system.'))
    ns.add_class(CIMClass('TST_DiskBackup', None, [
        Prop('Antecedent', None, ref='TST_Disk', Key=True, Description='The original.'),
        Prop('Dependent', None, ref='TST_Disk', Key=True, Description='The backup copy.'),
        Prop('LastCopy', 'datetime'),
    ], Association=True, Description='One disk is backed up onto another.'))
    sys_path = InstancePath('TST_ComputerSystem', [('CreationClassName', 'TST_ComputerSystem'),
                                                   ('Name', 'host1')])
    ns.add_instance('TST_ComputerSystem', CreationClassName='TST_ComputerSystem', Name='host1',
                    ElementName='Test host', EnabledState=2, Dedicated=[0, 2],
                    OperationalStatus=[2], HealthState=5)
    disks = []
    for n, (dev, cap, rem) in enumerate([('sda', 512110190592, False),
                                         ('sdb', 2000398934016, False),
                                         ('sdc', 31914983424, True)]):
        ns.add_instance('TST_Disk', CreationClassName='TST_Disk', DeviceID=dev,
                        Capacity=cap, BlockSize=512 if n < 2 else 4096, Removable=rem,
                        Vendor=['ACME', 'Initech', 'Umbrella'][n], EnabledState=2,
                        OperationalStatus=[2] if n != 1 else [3, 6], HealthState=5 + 5 * n,
                        InstallDate='2025061%d083000.000000+120' % n, PowerOnHours=1000 * (n + 1),
                        ElementName='Disk %s' % dev)
        disks.append(InstancePath('TST_Disk', [('CreationClassName', 'TST_Disk'),
                                               ('DeviceID', dev)]))
    ns.add_instance('TST_Device', CreationClassName='TST_Device', DeviceID='tape0',
                    EnabledState=3, ElementName='Tape drive')
    for d in disks + [InstancePath('TST_Device', [('CreationClassName', 'TST_Device'),
                                                  ('DeviceID', 'tape0')])]:
        ns.add_instance('TST_SystemDevice', GroupComponent=sys_path, PartComponent=d)
    ns.add_instance('TST_DiskBackup', Antecedent=disks[0], Dependent=disks[1],
                    LastCopy='20260102030405.000000+000')

    # Keys of several types (string, uint32, uint16, boolean, datetime).
    ns.add_class(CIMClass('TST_MultiKey', 'CIM_ManagedElement', [
        Prop('Name', 'string', Key=True), Prop('Id', 'uint32', Key=True),
        Prop('Slot', 'uint16', Key=True), Prop('Active', 'boolean', Key=True),
        Prop('Since', 'datetime', Key=True), Prop('Note', 'string'),
    ], Description='Keys of several CIM types.'))
    for n in range(3):
        ns.add_instance('TST_MultiKey', Name='mk "%d" \\ ü' % n, Id=4000000000 + n, Slot=n,
                        Active=n % 2 == 0, Since='2026010%d000000.000000+000' % (n + 1),
                        Note='multi-key %d' % n)

    # Type zoo.
    ns.add_class(CIMClass('TST_Embedded', None, [
        Prop('Name', 'string', Key=True), Prop('Value', 'sint32'), Prop('When', 'datetime'),
    ], Description='Class used for embedded instances.'))
    ns.add_class(CIMClass('TST_AllTypes', 'CIM_ManagedElement', [
        Prop('InstanceID', 'string', Key=True),
        Prop('U8', 'uint8'), Prop('S8', 'sint8'), Prop('U16', 'uint16'), Prop('S16', 'sint16'),
        Prop('U32', 'uint32'), Prop('S32', 'sint32'), Prop('U64', 'uint64'),
        Prop('S64Min', 'sint64'), Prop('S64Max', 'sint64'),
        Prop('R32', 'real32'), Prop('R64', 'real64'), Prop('Reals', 'real64', array=True),
        Prop('C16', 'char16'), Prop('Flag', 'boolean'),
        Prop('Stamp', 'datetime', Description='Timestamp with a negative UTC offset.'),
        Prop('Interval', 'datetime', Description='An interval (1d 2h 3m 4s).'),
        Prop('WildStamp', 'datetime', Description='Timestamp with wildcards.'),
        Prop('Text', 'string'), Prop('Markup', 'string'), Prop('Multiline', 'string'),
        Prop('NullString', 'string'), Prop('NullInt', 'uint32'),
        Prop('EmptyArray', 'string', array=True), Prop('NullArray', 'uint32', array=True),
        Prop('ArrayWithNull', 'string', array=True),
        Prop('Ints', 'sint64', array=True), Prop('Bools', 'boolean', array=True),
        Prop('Stamps', 'datetime', array=True),
        Prop('Embedded', 'string', EmbeddedInstance='TST_Embedded'),
        Prop('EmbeddedArray', 'string', array=True, EmbeddedInstance='TST_Embedded'),
        Prop('EmbeddedObj', 'string', EmbeddedObject=True),
        Prop('Status', 'uint16', ValueMap=['0', '2', '3..5', '6', '..', '32768..65535'],
             Values=['Unknown', 'OK', 'Warning', 'Error', 'DMTF Reserved', 'Vendor Reserved']),
    ], Description='Every CIM type, NULLs, arrays and embedded instances.'))

    def emb(name, v):
        return Instance('TST_Embedded', {'Name': name, 'Value': v,
                                         'When': '20260101000000.000000+000'},
                        InstancePath('TST_Embedded', [('Name', name)]))
    ns.add_instance(
        'TST_AllTypes', InstanceID='all-1', U8=255, S8=-128, U16=65535, S16=-32768,
        U32=4294967295, S32=-2147483648, U64=18446744073709551615,
        S64Min=-9223372036854775808, S64Max=9223372036854775807,
        R32=0.15625, R64=2.718281828459045,
        Reals=[float('inf'), float('-inf'), float('nan'), -0.0, 1e-300],
        C16='Ω', Flag=True, Stamp='20240131235959.123456-300',
        Interval='00000001020304.000005:000', WildStamp='2024013123****.******+000',
        Text='Grüße, 日本語 ✓', Markup='<tag attr="v">&amp; \'q\'</tag>',
        Multiline='line1\nline2\r\n\ttabbed  ', NullString=None, NullInt=None,
        EmptyArray=[], NullArray=None, ArrayWithNull=['a', None, 'c'],
        Ints=[-9223372036854775808, 0, 9223372036854775807], Bools=[True, False],
        Stamps=['20260101000000.000000+000', '00000000000001.000000:000'],
        Embedded=emb('inner <1>', 7), EmbeddedArray=[emb('e1', 1), emb('e2', -2)],
        EmbeddedObj=emb('obj', 3), Status=2, ElementName='all types')
    ns.add_instance('TST_AllTypes', InstanceID='all-2', U8=0, S8=0, U16=0, S16=0,
                    U32=0, S32=0, U64=0, S64Min=0, S64Max=0, R32=-2.5, R64=0.0,
                    C16='x', Flag=False, Text='', ElementName='mostly null')

    # Methods.
    ns.add_class(CIMClass('TST_Calculator', 'CIM_ManagedElement', [
        Prop('Name', 'string', Key=True),
    ], [
        Method('Add', 'uint32', [
            Param('A', 'sint32', In=True, Description='First addend.'),
            Param('B', 'sint32', In=True, Description='Second addend.'),
            Param('Sum', 'sint64', In=False, Out=True, Description='A + B.'),
        ], Static=True, Description='Adds two numbers; returns 0.'),
        Method('Echo', 'string', [
            Param('Text', 'string', In=True),
            Param('Reversed', 'string', In=False, Out=True),
            Param('Length', 'uint32', In=False, Out=True),
        ], Static=True, Description='Returns Text; Reversed and Length as OUT parameters.'),
        Method('Describe', 'uint32', [
            Param('Info', 'string', In=False, Out=True, EmbeddedInstance='TST_Embedded'),
            Param('Modes', 'string', array=True, In=False, Out=True),
        ], Description='Returns an embedded instance and an array.'),
    ], Description='Deterministic extrinsic methods.'))
    ns.add_instance('TST_Calculator', Name='calc')

    # Target of --hostile escape-sequences (no instances normally).
    ns.add_class(CIMClass('TST_Hostile', None, [
        Prop('Name', 'string', Key=True), Prop('Text', 'string'),
    ], Description='Strings with terminal control sequences.'))

    if with_bulk is not None:
        cls = ns.add_class(CIMClass('TST_Bulk', None, [
            Prop('InstanceID', 'string', Key=True),
            Prop('Index', 'uint32'), Prop('Name', 'string'), Prop('Enabled', 'boolean'),
            Prop('Count', 'uint64'), Prop('Delta', 'sint32'), Prop('Ratio', 'real64'),
            Prop('Status', 'uint16', ValueMap=['0', '1', '2', '3', '4'],
                 Values=['Zero', 'One', 'Two', 'Three', 'Four']),
            Prop('Created', 'datetime'), Prop('Uptime', 'datetime'),
            Prop('Level', 'uint8'), Prop('Small', 'sint8'), Prop('Mid', 'sint16'),
            Prop('Big', 'sint64'), Prop('Ratio32', 'real32'), Prop('Letter', 'char16'),
            Prop('Label', 'string'), Prop('Tags', 'string', array=True),
            Prop('Codes', 'uint16', array=True), Prop('Description', 'string'),
        ], Description='Synthetic class, --bulk N instances generated on demand.'))
        ns.providers['tst_bulk'] = BulkProvider(cls, with_bulk)


def interop_fixture(repo, ns, product, pegasus):
    host = repo.host
    ns.add_class(CIMClass('CIM_ManagedElement', None, [
        Prop('InstanceID', 'string'), Prop('Caption', 'string'),
        Prop('Description', 'string'), Prop('ElementName', 'string'),
    ], Abstract=True))
    ns.add_class(CIMClass('CIM_Namespace', 'CIM_ManagedElement', [
        Prop('SystemCreationClassName', 'string', Key=True),
        Prop('SystemName', 'string', Key=True),
        Prop('ObjectManagerCreationClassName', 'string', Key=True),
        Prop('ObjectManagerName', 'string', Key=True),
        Prop('CreationClassName', 'string', Key=True),
        Prop('Name', 'string', Key=True),
        Prop('ClassInfo', 'uint16'), Prop('DescriptionOfClassInfo', 'string'),
        Prop('ClassType', 'uint16'), Prop('ClassTypeVersion', 'string'),
        Prop('DescriptionOfClassType', 'string'),
    ], Description='A CIM namespace of this object manager.'))
    ns_class = 'CIM_Namespace'
    if pegasus:
        ns.add_class(CIMClass('PG_Namespace', 'CIM_Namespace', [
            Prop('SchemaUpdatesAllowed', 'boolean'), Prop('IsShareable', 'boolean'),
            Prop('ParentNamespace', 'string'),
        ]))
        ns_class = 'PG_Namespace'
    ns.add_class(CIMClass('CIM_ObjectManager', 'CIM_ManagedElement', [
        Prop('SystemCreationClassName', 'string', Key=True),
        Prop('SystemName', 'string', Key=True),
        Prop('CreationClassName', 'string', Key=True),
        Prop('Name', 'string', Key=True),
        Prop('Started', 'boolean'),
    ]))
    ns.add_class(CIMClass('CIM_RegisteredProfile', 'CIM_ManagedElement', [
        Prop('InstanceID', 'string', Key=True),
        Prop('RegisteredOrganization', 'uint16', ValueMap=['1', '2', '11'],
             Values=['Other', 'DMTF', 'SNIA']),
        Prop('RegisteredName', 'string'), Prop('RegisteredVersion', 'string'),
        Prop('AdvertiseTypes', 'uint16', array=True, ValueMap=['1', '2', '3'],
             Values=['Other', 'Not Advertised', 'SLP']),
    ]))
    ns.add_class(CIMClass('CIM_ElementConformsToProfile', None, [
        Prop('ConformantStandard', None, ref='CIM_RegisteredProfile', Key=True),
        Prop('ManagedElement', None, ref='CIM_ManagedElement', Key=True),
    ], Association=True))
    om_name = '%s:%s' % (product, host)
    om = ns.add_instance('CIM_ObjectManager', SystemCreationClassName='CIM_ComputerSystem',
                         SystemName=host, CreationClassName='CIM_ObjectManager',
                         Name=om_name, ElementName=product, Started=True,
                         Description='%s (cimtui test CIM server)' % product)
    for name in sorted(repo.namespaces.values(), key=lambda n: n.name.lower()):
        vals = dict(SystemCreationClassName='CIM_ComputerSystem', SystemName=host,
                    ObjectManagerCreationClassName='CIM_ObjectManager',
                    ObjectManagerName=om_name, CreationClassName=ns_class,
                    Name=name.name, ClassInfo=0, ClassType=2)
        if pegasus:
            vals.update(SchemaUpdatesAllowed=True, IsShareable=False, ParentNamespace='')
        ns.add_instance(ns_class, **vals)
    for i, (org, pname, ver) in enumerate([(2, 'Profile Registration', '1.0.0'),
                                           (2, 'Test Widgets', '1.1.0'),
                                           (11, 'Server', '1.5.0')]):
        prof = ns.add_instance('CIM_RegisteredProfile', InstanceID='cimomd:profile%d' % i,
                               RegisteredOrganization=org, RegisteredName=pname,
                               RegisteredVersion=ver, AdvertiseTypes=[3])
        ns.add_instance('CIM_ElementConformsToProfile', ConformantStandard=prof.path,
                        ManagedElement=om.path)


def build(repo, bulk, product, pegasus):
    root = repo.add_namespace('root')
    cimv2 = repo.add_namespace('root/cimv2')
    test = repo.add_namespace('root/test')
    interop = repo.add_namespace(repo.interop)
    root.add_class(CIMClass('__Namespace', None, [Prop('Name', 'string', Key=True)]))
    for child in ('cimv2', 'test', repo.interop.split('/', 1)[1]):
        root.add_instance('__Namespace', Name=child)
    for ns in (cimv2, test):
        base_classes(ns)
    test_fixture(test, with_bulk=bulk)
    test_fixture(cimv2, with_bulk=None)
    interop_fixture(repo, interop, product, pegasus)
