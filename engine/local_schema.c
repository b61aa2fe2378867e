/* local_schema.c - the classes the embedded provider serves: a static table
 * of DMTF-shaped classes (names, superclass, qualifiers, properties, keys,
 * methods) and the MI_Class built from it on demand.
 *
 * Class and property names, types and keys follow the DMTF CIM Schema 2.x;
 * Linux_* classes are this provider's concrete subclasses and add only what
 * the system really reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "local_impl.h"
#include "model.h"

#define K(n, t, d) { n, t, LP_KEY, NULL, d }
#define KO(n, t, d) { n, t, LP_KEY | LP_OVERRIDE, NULL, d }
#define P(n, t, d) { n, t, 0, NULL, d }
#define PO(n, t, d) { n, t, LP_OVERRIDE, NULL, d }
#define R(n, rc, d) { n, MI_REFERENCE, LP_KEY, rc, d }
#define RO(n, rc, d) { n, MI_REFERENCE, LP_KEY | LP_OVERRIDE, rc, d }
#define END { NULL, 0, 0, NULL, NULL }

/* ---- element classes --------------------------------------------------------- */
static const struct local_prop p_managed_element[] = {
	P("InstanceID", MI_STRING, "Opaque identifier of the instance within the namespace."),
	P("Caption", MI_STRING, "A short textual description (one-line string) of the object."),
	P("Description", MI_STRING, "A textual description of the object."),
	P("ElementName", MI_STRING, "A user-friendly name for the object."),
	END
};
static const struct local_prop p_managed_system_element[] = {
	P("InstallDate", MI_DATETIME, "When the object was installed."),
	P("Name", MI_STRING, "The label by which the object is known."),
	P("OperationalStatus", MI_UINT16A, "Current statuses of the element (2 = OK)."),
	P("StatusDescriptions", MI_STRINGA, "Strings describing the OperationalStatus values."),
	P("Status", MI_STRING, "Deprecated: current status of the object."),
	P("HealthState", MI_UINT16, "Current health of the element."),
	END
};
static const struct local_prop p_enabled_logical_element[] = {
	P("EnabledState", MI_UINT16, "Enabled and disabled states of the element (2 Enabled, 3 Disabled, 0 Unknown)."),
	P("OtherEnabledState", MI_STRING, "The enabling state when EnabledState is 1 (Other)."),
	P("RequestedState", MI_UINT16, "The last requested or desired state (12 = Not Applicable)."),
	P("EnabledDefault", MI_UINT16, "The administrator's default startup configuration."),
	P("TimeOfLastStateChange", MI_DATETIME, "When the EnabledState last changed."),
	END
};
static const struct local_param prm_request_state_change[] = {
	{ "RequestedState", MI_UINT16, MI_FLAG_IN, NULL, "The state requested for the element." },
	{ "Job", MI_REFERENCE, MI_FLAG_OUT, "CIM_ConcreteJob", "Reference to the job, if one was started." },
	{ "TimeoutPeriod", MI_DATETIME, MI_FLAG_IN, NULL, "Maximum time for the transition." },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct local_method m_enabled_logical_element[] = {
	{ "RequestStateChange", MI_UINT32, "Requests a change of the element's state (not supported by this provider).",
		prm_request_state_change },
	{ NULL, 0, NULL, NULL }
};
static const struct local_prop p_system[] = {
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	KO("Name", MI_STRING, "The name of the system."),
	P("NameFormat", MI_STRING, "How the system name was generated."),
	P("PrimaryOwnerName", MI_STRING, "The name of the primary system owner."),
	P("PrimaryOwnerContact", MI_STRING, "How to contact the primary system owner."),
	P("Roles", MI_STRINGA, "The roles the system plays in the IT environment."),
	P("OtherIdentifyingInfo", MI_STRINGA, "Additional identifying data of the system."),
	P("IdentifyingDescriptions", MI_STRINGA, "What the entries of OtherIdentifyingInfo are."),
	END
};
static const struct local_prop p_computer_system[] = {
	P("Dedicated", MI_UINT16A, "The purposes the system is dedicated to."),
	P("ResetCapability", MI_UINT16, "Whether the system can be reset."),
	END
};
static const struct local_prop p_operating_system[] = {
	K("CSCreationClassName", MI_STRING, "The scoping system's CreationClassName."),
	K("CSName", MI_STRING, "The scoping system's Name."),
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	KO("Name", MI_STRING, "The name of the operating system."),
	P("OSType", MI_UINT16, "The type of operating system (36 = LINUX)."),
	P("OtherTypeDescription", MI_STRING, "The type when OSType is 1 (Other)."),
	P("Version", MI_STRING, "Version number of the operating system (kernel release)."),
	P("LastBootUpTime", MI_DATETIME, "When the operating system was last booted."),
	P("LocalDateTime", MI_DATETIME, "The operating system's notion of the local date and time."),
	P("CurrentTimeZone", MI_SINT16, "Offset in minutes from UTC."),
	P("NumberOfLicensedUsers", MI_UINT32, "Number of user licenses (0 = unlimited)."),
	P("NumberOfUsers", MI_UINT32, "Number of user sessions."),
	P("NumberOfProcesses", MI_UINT32, "Number of process contexts currently loaded or running."),
	P("MaxNumberOfProcesses", MI_UINT32, "Maximum number of process contexts (kernel.pid_max)."),
	P("TotalSwapSpaceSize", MI_UINT64, "Total swap space in KiB."),
	P("TotalVirtualMemorySize", MI_UINT64, "Physical memory plus swap in KiB."),
	P("FreeVirtualMemory", MI_UINT64, "Free physical memory plus free swap in KiB."),
	P("FreePhysicalMemory", MI_UINT64, "Free physical memory in KiB."),
	P("TotalVisibleMemorySize", MI_UINT64, "Physical memory available to the OS in KiB."),
	P("SizeStoredInPagingFiles", MI_UINT64, "Total swap space in KiB."),
	P("FreeSpaceInPagingFiles", MI_UINT64, "Free swap space in KiB."),
	P("MaxProcessMemorySize", MI_UINT64, "Maximum memory a process may allocate in KiB."),
	P("Distributed", MI_BOOLEAN, "Whether the OS is distributed across several nodes."),
	END
};
static const struct local_prop p_linux_os[] = {
	P("KernelVersion", MI_STRING, "The kernel build string (uname -v)."),
	P("Machine", MI_STRING, "The hardware name (uname -m)."),
	END
};
static const struct local_prop p_process[] = {
	K("CSCreationClassName", MI_STRING, "The scoping system's CreationClassName."),
	K("CSName", MI_STRING, "The scoping system's Name."),
	K("OSCreationClassName", MI_STRING, "The scoping operating system's CreationClassName."),
	K("OSName", MI_STRING, "The scoping operating system's Name."),
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	K("Handle", MI_STRING, "The process identifier (PID) as a string."),
	PO("Name", MI_STRING, "The name of the process (command name)."),
	P("Priority", MI_UINT32, "Scheduling priority of the process."),
	P("ExecutionState", MI_UINT16, "Current state (1 Other, 2 Unknown, 3 Ready, 4 Running, 5 Blocked, 6 Suspended Blocked, 7 Suspended Ready, 8 Terminated, 9 Stopped, 10 Growing, 11 Ready But Relinquished, 12 Hung)."),
	P("OtherExecutionDescription", MI_STRING, "The state when ExecutionState is 1 (Other)."),
	P("CreationDate", MI_DATETIME, "When the process started."),
	P("TerminationDate", MI_DATETIME, "When the process ended."),
	P("KernelModeTime", MI_UINT64, "Time in kernel mode, in milliseconds."),
	P("UserModeTime", MI_UINT64, "Time in user mode, in milliseconds."),
	P("WorkingSetSize", MI_UINT64, "Resident memory of the process in bytes."),
	END
};
static const struct local_prop p_unix_process[] = {
	P("ParentProcessID", MI_STRING, "The parent's PID as a string."),
	P("RealUserID", MI_UINT64, "The real user ID."),
	P("ProcessGroupID", MI_UINT64, "The process group ID."),
	P("ProcessSessionID", MI_UINT64, "The session ID."),
	P("ProcessTTY", MI_STRING, "The controlling terminal, if any."),
	P("ModulePath", MI_STRING, "The executable's path."),
	P("Parameters", MI_STRINGA, "The command line, one parameter per entry."),
	P("ProcessNiceValue", MI_UINT32, "The nice value, as the kernel reports it (0..39, 20 = nice 0)."),
	P("ProcessWaitingForEvent", MI_STRING, "The kernel wait channel, if any."),
	END
};
static const struct local_prop p_linux_process[] = {
	P("NumberOfThreads", MI_UINT32, "Number of threads in the process."),
	P("VirtualMemorySize", MI_UINT64, "Virtual memory size in bytes."),
	P("EffectiveUserID", MI_UINT64, "The effective user ID."),
	P("RealGroupID", MI_UINT64, "The real group ID."),
	END
};
static const struct local_prop p_logical_device[] = {
	K("SystemCreationClassName", MI_STRING, "The scoping system's CreationClassName."),
	K("SystemName", MI_STRING, "The scoping system's Name."),
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	K("DeviceID", MI_STRING, "Identifies the device within its system."),
	END
};
static const struct local_prop p_processor[] = {
	P("Role", MI_STRING, "The role of the processor."),
	P("Family", MI_UINT16, "The processor family (1 = Other)."),
	P("OtherFamilyDescription", MI_STRING, "The family when Family is 1 (Other)."),
	P("MaxClockSpeed", MI_UINT32, "Maximum speed in MHz."),
	P("CurrentClockSpeed", MI_UINT32, "Current speed in MHz."),
	P("DataWidth", MI_UINT16, "Processor data width in bits."),
	P("AddressWidth", MI_UINT16, "Processor address width in bits (virtual)."),
	P("Stepping", MI_STRING, "The stepping of the processor."),
	P("UniqueID", MI_STRING, "A globally unique identifier of the processor."),
	P("CPUStatus", MI_UINT16, "Current status (1 CPU Enabled, 2 CPU Disabled by User)."),
	P("LoadPercentage", MI_UINT16, "Load of the processor averaged over the last minute."),
	END
};
static const struct local_prop p_linux_processor[] = {
	P("VendorID", MI_STRING, "The vendor identification string from cpuinfo."),
	P("CPUFamily", MI_UINT32, "The family number from cpuinfo."),
	P("ModelNumber", MI_UINT32, "The model number from cpuinfo."),
	P("CacheSizeKB", MI_UINT32, "Cache size in KiB from cpuinfo."),
	P("PhysicalID", MI_UINT32, "Physical package identifier."),
	P("CoreID", MI_UINT32, "Core identifier within the package."),
	END
};
static const struct local_prop p_storage_extent[] = {
	P("DataOrganization", MI_UINT16, "Type of data organization."),
	P("Purpose", MI_STRING, "Purpose of the extent."),
	P("Access", MI_UINT16, "Access (1 Readable, 2 Writeable, 3 Read/Write Supported)."),
	P("BlockSize", MI_UINT64, "Size in bytes of the blocks that form the extent."),
	P("NumberOfBlocks", MI_UINT64, "Total number of logically contiguous blocks."),
	P("ConsumableBlocks", MI_UINT64, "Number of blocks usable by consumers."),
	P("Primordial", MI_BOOLEAN, "Whether the extent is primordial (not derived)."),
	END
};
static const struct local_prop p_memory[] = {
	P("Volatile", MI_BOOLEAN, "Whether the memory is volatile."),
	END
};
static const struct local_prop p_linux_memory[] = {
	P("MemTotal", MI_UINT64, "Total usable RAM in KiB (/proc/meminfo)."),
	P("MemFree", MI_UINT64, "Free RAM in KiB (/proc/meminfo)."),
	P("MemAvailable", MI_UINT64, "RAM available for new work in KiB (/proc/meminfo)."),
	P("Buffers", MI_UINT64, "Buffer memory in KiB (/proc/meminfo)."),
	P("Cached", MI_UINT64, "Page cache in KiB (/proc/meminfo)."),
	P("SwapTotal", MI_UINT64, "Total swap in KiB (/proc/meminfo)."),
	P("SwapFree", MI_UINT64, "Free swap in KiB (/proc/meminfo)."),
	END
};
static const struct local_prop p_linux_block[] = {
	P("Removable", MI_BOOLEAN, "Whether the medium is removable (/sys/block/*/removable)."),
	P("ReadOnly", MI_BOOLEAN, "Whether the device is read-only (/sys/block/*/ro)."),
	P("Rotational", MI_BOOLEAN, "Whether the device has rotating media."),
	P("Model", MI_STRING, "Device model, when the device reports it."),
	P("Vendor", MI_STRING, "Device vendor, when the device reports it."),
	P("SerialNumber", MI_STRING, "Device serial number, when readable."),
	P("DeviceNumber", MI_STRING, "major:minor device number."),
	END
};
static const struct local_prop p_logical_port[] = {
	P("Speed", MI_UINT64, "Bandwidth of the port in bits per second."),
	P("MaxSpeed", MI_UINT64, "Maximum bandwidth in bits per second."),
	P("PortType", MI_UINT16, "The type of the port."),
	END
};
static const struct local_prop p_network_port[] = {
	P("PermanentAddress", MI_STRING, "The hardware address, 12 hex digits for Ethernet."),
	P("NetworkAddresses", MI_STRINGA, "Addresses configured on the port."),
	P("LinkTechnology", MI_UINT16, "Link technology (1 Other, 2 Ethernet)."),
	P("OtherLinkTechnology", MI_STRING, "The technology when LinkTechnology is 1 (Other)."),
	P("FullDuplex", MI_BOOLEAN, "Whether the port operates in full duplex."),
	P("ActiveMaximumTransmissionUnit", MI_UINT64, "The active MTU in bytes."),
	P("PortNumber", MI_UINT16, "Number of the port (interface index)."),
	END
};
static const struct local_prop p_linux_port[] = {
	P("OperState", MI_STRING, "RFC 2863 operational state (/sys/class/net/*/operstate)."),
	P("InterfaceIndex", MI_UINT32, "The kernel interface index."),
	P("BytesReceived", MI_UINT64, "Bytes received (statistics/rx_bytes)."),
	P("BytesTransmitted", MI_UINT64, "Bytes sent (statistics/tx_bytes)."),
	P("PacketsReceived", MI_UINT64, "Packets received (statistics/rx_packets)."),
	P("PacketsTransmitted", MI_UINT64, "Packets sent (statistics/tx_packets)."),
	P("ReceiveErrors", MI_UINT64, "Receive errors (statistics/rx_errors)."),
	P("TransmitErrors", MI_UINT64, "Transmit errors (statistics/tx_errors)."),
	P("ReceiveDropped", MI_UINT64, "Received packets dropped (statistics/rx_dropped)."),
	P("TransmitDropped", MI_UINT64, "Sent packets dropped (statistics/tx_dropped)."),
	END
};
static const struct local_prop p_file_system[] = {
	K("CSCreationClassName", MI_STRING, "The scoping system's CreationClassName."),
	K("CSName", MI_STRING, "The scoping system's Name."),
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	KO("Name", MI_STRING, "The mount point of the file system."),
	P("Root", MI_STRING, "Path name of the root of the file system."),
	P("BlockSize", MI_UINT64, "File system block size in bytes."),
	P("FileSystemSize", MI_UINT64, "Total size in bytes."),
	P("AvailableSpace", MI_UINT64, "Bytes available to unprivileged users."),
	P("ReadOnly", MI_BOOLEAN, "Whether the file system is mounted read-only."),
	P("CaseSensitive", MI_BOOLEAN, "Whether file names are case sensitive."),
	P("MaxFileNameLength", MI_UINT32, "Maximum length of a file name."),
	P("FileSystemType", MI_STRING, "The file system type (ext4, tmpfs, nfs...)."),
	P("NumberOfFiles", MI_UINT64, "Number of files (inodes in use)."),
	P("PersistenceType", MI_UINT16, "Persistence (2 Persistent, 3 Temporary, 4 External)."),
	END
};
static const struct local_prop p_linux_fs[] = {
	P("MountSource", MI_STRING, "The mounted device or remote source (first field of the mount table)."),
	P("MountOptions", MI_STRING, "Mount options from the mount table."),
	P("TotalInodes", MI_UINT64, "Total number of inodes."),
	P("FreeInodes", MI_UINT64, "Free inodes."),
	END
};
static const struct local_prop p_software_identity[] = {
	KO("InstanceID", MI_STRING, "Identifies the software: cimtui:dpkg:<package>:<architecture>."),
	P("VersionString", MI_STRING, "The version of the software."),
	P("Manufacturer", MI_STRING, "The manufacturer of the software."),
	P("Classifications", MI_UINT16A, "Kinds of software (e.g. 0 Unknown, 4 Software Bundle)."),
	P("TargetOperatingSystems", MI_STRINGA, "Operating systems the software runs on."),
	P("IsEntity", MI_BOOLEAN, "Whether the instance stands for installed software."),
	END
};
static const struct local_prop p_linux_software[] = {
	P("PackageName", MI_STRING, "The package name."),
	P("Architecture", MI_STRING, "The package architecture."),
	P("Section", MI_STRING, "The archive section."),
	P("Maintainer", MI_STRING, "The package maintainer."),
	P("InstalledSize", MI_UINT64, "Installed size in KiB as dpkg records it."),
	P("PackageStatus", MI_STRING, "The dpkg status line (want, flag, state)."),
	P("SourcePackage", MI_STRING, "The source package, when different from the package."),
	END
};
static const struct local_prop p_service[] = {
	K("SystemCreationClassName", MI_STRING, "The hosting system's CreationClassName."),
	K("SystemName", MI_STRING, "The hosting system's Name."),
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	KO("Name", MI_STRING, "The name of the service."),
	P("PrimaryOwnerName", MI_STRING, "Name of the primary owner of the service."),
	P("StartMode", MI_STRING, "Deprecated: Automatic or Manual."),
	P("Started", MI_BOOLEAN, "Whether the service has been started."),
	END
};
static const struct local_method m_service[] = {
	{ "StartService", MI_UINT32, "Starts the service (not supported by this provider).", NULL },
	{ "StopService", MI_UINT32, "Stops the service (not supported by this provider).", NULL },
	{ NULL, 0, NULL, NULL }
};
static const struct local_prop p_linux_service[] = {
	P("ServiceManager", MI_STRING, "Who manages the service: systemd or sysvinit."),
	P("UnitFile", MI_STRING, "Path of the unit file or init script."),
	P("UnitFileState", MI_STRING, "enabled, disabled, static or masked."),
	END
};
static const struct local_prop p_wbem_service[] = { END };
static const struct local_prop p_object_manager[] = {
	P("GatherStatisticalData", MI_BOOLEAN, "Whether the object manager gathers statistics."),
	P("Version", MI_STRING, "Version of the object manager software."),
	END
};
static const struct local_prop p_namespace[] = {
	K("SystemCreationClassName", MI_STRING, "The scoping system's CreationClassName."),
	K("SystemName", MI_STRING, "The scoping system's Name."),
	K("ObjectManagerCreationClassName", MI_STRING, "The scoping object manager's CreationClassName."),
	K("ObjectManagerName", MI_STRING, "The scoping object manager's Name."),
	K("CreationClassName", MI_STRING, "The class used to create the instance."),
	K("Name", MI_STRING, "The name of the namespace."),
	P("ClassInfo", MI_UINT16, "Deprecated: schema information (2 = CIM 2.x)."),
	P("ClassType", MI_UINT16, "Schema of the namespace (2 = CIM)."),
	END
};
static const struct local_prop p_registered_profile[] = {
	KO("InstanceID", MI_STRING, "Identifies the profile registration."),
	P("RegisteredOrganization", MI_UINT16, "The organization that defined the profile (2 = DMTF)."),
	P("RegisteredName", MI_STRING, "The name of the profile."),
	P("RegisteredVersion", MI_STRING, "The version of the profile."),
	P("AdvertiseTypes", MI_UINT16A, "How the profile is advertised (2 = Not Advertised)."),
	END
};

/* ---- association classes --------------------------------------------------------- */
static const struct local_prop p_component[] = {
	R("GroupComponent", "CIM_ManagedElement", "The parent element in the association."),
	R("PartComponent", "CIM_ManagedElement", "The child element in the association."),
	END
};
static const struct local_prop p_system_component[] = {
	RO("GroupComponent", "CIM_System", "The system."),
	RO("PartComponent", "CIM_ManagedSystemElement", "The element that is part of the system."),
	END
};
static const struct local_prop p_system_device[] = {
	RO("GroupComponent", "CIM_System", "The scoping system."),
	RO("PartComponent", "CIM_LogicalDevice", "The device that is part of the system."),
	END
};
static const struct local_prop p_installed_os[] = {
	RO("GroupComponent", "CIM_ComputerSystem", "The computer system."),
	RO("PartComponent", "CIM_OperatingSystem", "The operating system installed on it."),
	P("PrimaryOS", MI_BOOLEAN, "Whether this is the primary (running) operating system."),
	END
};
static const struct local_prop p_hosted_fs[] = {
	RO("GroupComponent", "CIM_System", "The system that hosts the file system."),
	RO("PartComponent", "CIM_FileSystem", "The file system."),
	END
};
static const struct local_prop p_os_process[] = {
	RO("GroupComponent", "CIM_OperatingSystem", "The operating system."),
	RO("PartComponent", "CIM_Process", "The process running in its context."),
	END
};
static const struct local_prop p_dependency[] = {
	R("Antecedent", "CIM_ManagedElement", "The independent element."),
	R("Dependent", "CIM_ManagedElement", "The element that depends on the Antecedent."),
	END
};
static const struct local_prop p_hosted_dependency[] = {
	RO("Antecedent", "CIM_ManagedElement", "The hosting element."),
	RO("Dependent", "CIM_ManagedElement", "The hosted element."),
	END
};
static const struct local_prop p_hosted_service[] = {
	RO("Antecedent", "CIM_System", "The hosting system."),
	RO("Dependent", "CIM_Service", "The service hosted on the system."),
	END
};
static const struct local_prop p_process_parent[] = {
	RO("Antecedent", "CIM_Process", "The parent process."),
	RO("Dependent", "CIM_Process", "The child process (its ParentProcessID is the parent's Handle)."),
	END
};
static const struct local_prop p_installed_sw[] = {
	R("System", "CIM_System", "The system the software is installed on."),
	R("InstalledSoftware", "CIM_SoftwareIdentity", "The installed software."),
	END
};
static const struct local_prop p_conforms[] = {
	R("ConformantStandard", "CIM_RegisteredProfile", "The profile the element conforms to."),
	R("ManagedElement", "CIM_ManagedElement", "The conformant (central) element."),
	END
};
static const struct local_prop p_ns_in_manager[] = {
	RO("Antecedent", "CIM_ObjectManager", "The object manager hosting the namespace."),
	RO("Dependent", "CIM_Namespace", "The namespace."),
	END
};

#define NS2 LOCAL_NS_CIMV2
#define NSI LOCAL_NS_INTEROP
#define NSB LOCAL_NS_BOTH

static const struct local_class classes[] = {
	{ "CIM_ManagedElement", NULL, NSB, LC_ABSTRACT,
		"The root of the CIM managed-object hierarchy.", p_managed_element, NULL, NULL, NULL },
	{ "CIM_ManagedSystemElement", "CIM_ManagedElement", NSB, LC_ABSTRACT,
		"Base class for the system element hierarchy.", p_managed_system_element, NULL, NULL, NULL },
	{ "CIM_LogicalElement", "CIM_ManagedSystemElement", NSB, LC_ABSTRACT,
		"Base class for system components that represent abstract system components.", NULL, NULL, NULL, NULL },
	{ "CIM_EnabledLogicalElement", "CIM_LogicalElement", NSB, LC_ABSTRACT,
		"Logical elements that can be enabled and disabled.", p_enabled_logical_element,
		m_enabled_logical_element, NULL, NULL },
	{ "CIM_System", "CIM_EnabledLogicalElement", NSB, LC_ABSTRACT,
		"An aggregation of managed elements that functions as a whole.", p_system, NULL, NULL, NULL },
	{ "CIM_ComputerSystem", "CIM_System", NS2, 0,
		"A special collection of managed system elements that provides compute capabilities.",
		p_computer_system, NULL, NULL, NULL },
	{ "Linux_ComputerSystem", "CIM_ComputerSystem", NS2, 0,
		"The Linux machine cimtui runs on.", NULL, NULL, &local_prov_system, NULL },
	{ "CIM_OperatingSystem", "CIM_EnabledLogicalElement", NS2, 0,
		"Software/firmware that makes a computer system's hardware usable.", p_operating_system,
		NULL, NULL, NULL },
	{ "Linux_OperatingSystem", "CIM_OperatingSystem", NS2, 0,
		"The running Linux operating system (/etc/os-release, uname, /proc).", p_linux_os, NULL,
		&local_prov_os, NULL },
	{ "CIM_Process", "CIM_EnabledLogicalElement", NS2, 0,
		"A running program, scoped by an operating system.", p_process, NULL, NULL, NULL },
	{ "CIM_UnixProcess", "CIM_Process", NS2, 0,
		"A process of a UNIX-like operating system.", p_unix_process, NULL, NULL, NULL },
	{ "Linux_UnixProcess", "CIM_UnixProcess", NS2, 0,
		"A Linux process, read from /proc/<pid>.", p_linux_process, NULL, &local_prov_proc, NULL },
	{ "CIM_LogicalDevice", "CIM_EnabledLogicalElement", NS2, LC_ABSTRACT,
		"A hardware entity with management capabilities, as the system sees it.", p_logical_device,
		NULL, NULL, NULL },
	{ "CIM_Processor", "CIM_LogicalDevice", NS2, 0,
		"A processor (CPU) of the system.", p_processor, NULL, NULL, NULL },
	{ "Linux_Processor", "CIM_Processor", NS2, 0,
		"A logical processor, from /proc/cpuinfo and /sys/devices/system/cpu.", p_linux_processor,
		NULL, &local_prov_cpu, NULL },
	{ "CIM_StorageExtent", "CIM_LogicalDevice", NS2, 0,
		"A contiguous range of logical blocks.", p_storage_extent, NULL, NULL, NULL },
	{ "CIM_Memory", "CIM_StorageExtent", NS2, 0,
		"Memory capabilities of the system.", p_memory, NULL, NULL, NULL },
	{ "Linux_Memory", "CIM_Memory", NS2, 0,
		"The physical memory of the system, from /proc/meminfo.", p_linux_memory, NULL,
		&local_prov_mem, NULL },
	{ "Linux_BlockStorageExtent", "CIM_StorageExtent", NS2, 0,
		"A block device of the system, from /sys/block.", p_linux_block, NULL, &local_prov_block, NULL },
	{ "CIM_LogicalPort", "CIM_LogicalDevice", NS2, 0,
		"The abstraction of a port or connection point of a device.", p_logical_port, NULL, NULL, NULL },
	{ "CIM_NetworkPort", "CIM_LogicalPort", NS2, 0,
		"The logical representation of network communication hardware.", p_network_port, NULL,
		NULL, NULL },
	{ "Linux_NetworkPort", "CIM_NetworkPort", NS2, 0,
		"A non-Ethernet network interface, from /sys/class/net.", p_linux_port, NULL,
		&local_prov_net, NULL },
	{ "CIM_EthernetPort", "CIM_NetworkPort", NS2, 0,
		"The capabilities of an Ethernet port.", NULL, NULL, NULL, NULL },
	{ "Linux_EthernetPort", "CIM_EthernetPort", NS2, 0,
		"An Ethernet-type network interface, from /sys/class/net.", p_linux_port, NULL,
		&local_prov_net, NULL },
	{ "CIM_FileSystem", "CIM_EnabledLogicalElement", NS2, LC_ABSTRACT,
		"A file or data store local to a system or remotely mounted.", p_file_system, NULL, NULL, NULL },
	{ "CIM_LocalFileSystem", "CIM_FileSystem", NS2, LC_ABSTRACT,
		"A file system local to the system.", NULL, NULL, NULL, NULL },
	{ "Linux_LocalFileSystem", "CIM_LocalFileSystem", NS2, 0,
		"A mounted local (non-network) file system, from /proc/self/mounts and statvfs.",
		p_linux_fs, NULL, &local_prov_fs, NULL },
	{ "CIM_NetworkFileSystem", "CIM_FileSystem", NS2, LC_ABSTRACT,
		"A file system mounted from a remote server.", NULL, NULL, NULL, NULL },
	{ "Linux_NetworkFileSystem", "CIM_NetworkFileSystem", NS2, 0,
		"A mounted network file system (nfs, cifs...), from /proc/self/mounts.", p_linux_fs, NULL,
		&local_prov_fs, NULL },
	{ "CIM_SoftwareIdentity", "CIM_LogicalElement", NS2, 0,
		"Information about a software component.", p_software_identity, NULL, NULL, NULL },
	{ "Linux_SoftwareIdentity", "CIM_SoftwareIdentity", NS2, 0,
		"An installed package from the dpkg database.", p_linux_software, NULL, &local_prov_pkg, NULL },
	{ "CIM_Service", "CIM_EnabledLogicalElement", NSB, LC_ABSTRACT,
		"Functionality provided by a system (a daemon).", p_service, m_service, NULL, NULL },
	{ "Linux_Service", "CIM_Service", NS2, 0,
		"A systemd service unit or SysV init script.", p_linux_service, NULL, &local_prov_svc, NULL },
	{ "CIM_WBEMService", "CIM_Service", NSI, LC_ABSTRACT,
		"An abstract WBEM service.", p_wbem_service, NULL, NULL, NULL },
	{ "CIM_ObjectManager", "CIM_WBEMService", NSI, 0,
		"The CIM object manager: here the embedded provider of cimtui.", p_object_manager, NULL,
		&local_prov_objmgr, NULL },
	{ "CIM_Namespace", "CIM_ManagedElement", NSI, 0,
		"A namespace of the object manager.", p_namespace, NULL, &local_prov_namespace, NULL },
	{ "CIM_RegisteredProfile", "CIM_ManagedElement", NSI, 0,
		"A management profile the implementation advertises.", p_registered_profile, NULL,
		&local_prov_profile, NULL },

	/* associations */
	{ "CIM_Component", NULL, NSB, LC_ABSTRACT | LC_ASSOC,
		"Part-whole relationship between managed elements.", p_component, NULL, NULL, NULL },
	{ "CIM_SystemComponent", "CIM_Component", NS2, LC_ASSOC,
		"Parts of a system.", p_system_component, NULL, NULL, NULL },
	{ "CIM_SystemDevice", "CIM_SystemComponent", NS2, LC_ASSOC,
		"Logical devices aggregated by a system.", p_system_device, NULL, NULL,
		&local_assoc_systemdevice },
	{ "CIM_InstalledOS", "CIM_SystemComponent", NS2, LC_ASSOC,
		"The operating systems installed on a computer system.", p_installed_os, NULL, NULL,
		&local_assoc_installedos },
	{ "CIM_HostedFileSystem", "CIM_SystemComponent", NS2, LC_ASSOC,
		"The file systems hosted by a system.", p_hosted_fs, NULL, NULL, &local_assoc_hostedfs },
	{ "CIM_OSProcess", "CIM_Component", NS2, LC_ASSOC,
		"The processes running in the context of an operating system.", p_os_process, NULL, NULL,
		&local_assoc_osprocess },
	{ "CIM_Dependency", NULL, NSB, LC_ABSTRACT | LC_ASSOC,
		"Generic dependency between two managed elements.", p_dependency, NULL, NULL, NULL },
	{ "CIM_HostedDependency", "CIM_Dependency", NSB, LC_ASSOC,
		"One element is hosted on another.", p_hosted_dependency, NULL, NULL, NULL },
	{ "CIM_HostedService", "CIM_HostedDependency", NS2, LC_ASSOC,
		"The services hosted on a system.", p_hosted_service, NULL, NULL, &local_assoc_hostedservice },
	{ "Linux_ProcessParent", "CIM_Dependency", NS2, LC_ASSOC,
		"A process (Dependent) and the parent process that created it (Antecedent).",
		p_process_parent, NULL, NULL, &local_assoc_processparent },
	{ "CIM_InstalledSoftwareIdentity", NULL, NS2, LC_ASSOC,
		"The software installed on a system.", p_installed_sw, NULL, NULL, &local_assoc_installedsw },
	{ "CIM_ElementConformsToProfile", NULL, NSI, LC_ASSOC,
		"Links a registered profile to the elements that conform to it.", p_conforms, NULL, NULL,
		&local_assoc_conforms },
	{ "CIM_NamespaceInManager", "CIM_HostedDependency", NSI, LC_ASSOC,
		"The namespaces of an object manager.", p_ns_in_manager, NULL, NULL, &local_assoc_nsinmanager },
};

#define NCLASSES (sizeof classes / sizeof classes[0])

/* Flattened property lists, built once. */
static struct local_flat *flat[NCLASSES];
static size_t nflat[NCLASSES];
static const struct local_class *supers[NCLASSES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static size_t
index_of(const struct local_class *c)
{
	return (size_t)(c - classes);
}

static void
build_flat(size_t i)
{
	const struct local_class *c = &classes[i];
	size_t cap = 0, n = 0;
	struct local_flat *f;
	const struct local_prop *p;

	if (flat[i] != NULL || (c->super != NULL && supers[i] == NULL))
		return;
	if (supers[i] != NULL) {
		size_t si = index_of(supers[i]);
		build_flat(si);
		cap += nflat[si];
	}
	for (p = c->props; p != NULL && p->name != NULL; p++)
		cap++;
	f = calloc(cap ? cap : 1, sizeof *f);
	if (f == NULL)
		abort(); /* once-only, a few KiB: nothing sensible to continue with */
	if (supers[i] != NULL) {
		size_t si = index_of(supers[i]);
		memcpy(f, flat[si], nflat[si] * sizeof *f);
		n = nflat[si];
	}
	for (p = c->props; p != NULL && p->name != NULL; p++) {
		size_t k;
		for (k = 0; k < n; k++)
			if (mix_name_eq(f[k].p->name, p->name))
				break;
		if (k < n) {
			f[k].p = p;
			f[k].defined = c;
		} else {
			f[n].p = p;
			f[n].origin = c;
			f[n].defined = c;
			n++;
		}
	}
	flat[i] = f;
	nflat[i] = n;
}

static void
schema_init(void)
{
	size_t i, j;

	for (i = 0; i < NCLASSES; i++) {
		if (classes[i].super == NULL)
			continue;
		for (j = 0; j < NCLASSES; j++)
			if (strcmp(classes[j].name, classes[i].super) == 0)
				supers[i] = &classes[j];
	}
	for (i = 0; i < NCLASSES; i++)
		build_flat(i);
}

size_t
local_class_count(void)
{
	return NCLASSES;
}

const struct local_class *
local_class_at(size_t i)
{
	pthread_once(&once, schema_init);
	return i < NCLASSES ? &classes[i] : NULL;
}

const struct local_class *
local_class_find(const char *name, unsigned ns_bit)
{
	size_t i;

	if (name == NULL)
		return NULL;
	pthread_once(&once, schema_init);
	for (i = 0; i < NCLASSES; i++)
		if ((classes[i].ns & ns_bit) && mix_name_eq(classes[i].name, name))
			return &classes[i];
	return NULL;
}

const struct local_class *
local_class_super(const struct local_class *c)
{
	pthread_once(&once, schema_init);
	return supers[index_of(c)];
}

int
local_class_isa(const struct local_class *c, const struct local_class *ancestor)
{
	for (; c != NULL; c = local_class_super(c))
		if (c == ancestor)
			return 1;
	return 0;
}

int
local_class_isa_name(const struct local_class *c, const char *ancestor)
{
	for (; c != NULL; c = local_class_super(c))
		if (mix_name_eq(c->name, ancestor))
			return 1;
	return 0;
}

size_t
local_class_props(const struct local_class *c, const struct local_flat **out)
{
	pthread_once(&once, schema_init);
	*out = flat[index_of(c)];
	return nflat[index_of(c)];
}

const struct local_flat *
local_class_prop(const struct local_class *c, const char *name)
{
	const struct local_flat *f;
	size_t n = local_class_props(c, &f), i;

	for (i = 0; i < n; i++)
		if (mix_name_eq(f[i].p->name, name))
			return &f[i];
	return NULL;
}

/* ---- MI_Class ------------------------------------------------------------------ */
static int
qual_bool(struct mix_qualifiers *q, const char *name, MI_Uint32 flavor)
{
	MI_Value v;

	memset(&v, 0, sizeof v);
	v.boolean = MI_TRUE;
	return mix_qualifiers_adopt(q, name, MI_BOOLEAN, &v, flavor) != NULL ? 0 : -1;
}

static int
qual_str(struct mix_qualifiers *q, const char *name, const char *s, MI_Uint32 flavor)
{
	MI_Value v;

	memset(&v, 0, sizeof v);
	v.string = strdup(s);
	if (v.string == NULL)
		return -1;
	if (mix_qualifiers_adopt(q, name, MI_STRING, &v, flavor) == NULL) {
		free(v.string);
		return -1;
	}
	return 0;
}

static int
in_list(char **list, const char *name)
{
	if (list == NULL)
		return 1;
	for (; *list != NULL; list++)
		if (mix_name_eq(*list, name))
			return 1;
	return 0;
}

static const MI_Uint32 DESC_FLAVOR = MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE;
static const MI_Uint32 KEY_FLAVOR = MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS;

static int
add_methods(MI_Class *cls, const struct local_class *c, const struct local_class *leaf, int qualifiers,
	int class_origin)
{
	const struct local_method *m;
	const struct local_param *pa;

	for (m = c->methods; m != NULL && m->name != NULL; m++) {
		struct mix_method *mm = mix_class_add_method(cls, m->name, m->rtype);
		if (mm == NULL)
			return -1;
		mm->propagated = c != leaf;
		if (class_origin && (mm->class_origin = strdup(c->name)) == NULL)
			return -1;
		if (qualifiers && qual_str(&mm->quals, "Description", m->desc, DESC_FLAVOR) < 0)
			return -1;
		for (pa = m->params; pa != NULL && pa->name != NULL; pa++) {
			struct mix_parameter *mp = mix_method_add_param(mm, pa->name, pa->type, pa->flags);
			if (mp == NULL)
				return -1;
			if (pa->ref_class != NULL && (mp->ref_class = strdup(pa->ref_class)) == NULL)
				return -1;
			if (qualifiers) {
				if ((pa->flags & MI_FLAG_IN) && qual_bool(&mp->quals, "In", DESC_FLAVOR & ~MI_FLAG_TRANSLATABLE) < 0)
					return -1;
				if ((pa->flags & MI_FLAG_OUT) && qual_bool(&mp->quals, "Out", DESC_FLAVOR & ~MI_FLAG_TRANSLATABLE) < 0)
					return -1;
				if (qual_str(&mp->quals, "Description", pa->desc, DESC_FLAVOR) < 0)
					return -1;
			}
		}
	}
	return 0;
}

MI_Class *
local_class_build(const struct local_class *c, const char *ns, int names_only, int local_only,
	int qualifiers, int class_origin, char **property_list)
{
	const struct local_flat *f;
	size_t n, i;
	MI_Class *cls;
	const struct local_class *chain[16], *a;
	size_t depth = 0;

	cls = mix_class_new(c->name, c->super, ns);
	if (cls == NULL || names_only)
		return cls;
	if (qualifiers) {
		if ((c->flags & LC_ABSTRACT) && qual_bool(&cls->quals, "Abstract", MI_FLAG_RESTRICTED | MI_FLAG_ENABLEOVERRIDE) < 0)
			goto fail;
		if ((c->flags & LC_ASSOC) && qual_bool(&cls->quals, "Association", KEY_FLAVOR) < 0)
			goto fail;
		if (qual_str(&cls->quals, "Description", c->desc, DESC_FLAVOR) < 0)
			goto fail;
	}
	n = local_class_props(c, &f);
	for (i = 0; i < n; i++) {
		const struct local_prop *p = f[i].p;
		struct mix_property *mp;
		MI_Uint32 flags = MI_FLAG_NULL | MI_FLAG_READONLY;

		if (local_only && f[i].defined != c)
			continue;
		if (!in_list(property_list, p->name))
			continue;
		if (p->flags & LP_KEY)
			flags |= MI_FLAG_KEY;
		mp = mix_class_add_property(cls, p->name, p->type, flags);
		if (mp == NULL)
			goto fail;
		mp->propagated = f[i].defined != c;
		if (p->ref_class != NULL && (mp->ref_class = strdup(p->ref_class)) == NULL)
			goto fail;
		if (class_origin && (mp->class_origin = strdup(f[i].origin->name)) == NULL)
			goto fail;
		if (!qualifiers)
			continue;
		if ((p->flags & LP_KEY) && qual_bool(&mp->quals, "Key", KEY_FLAVOR) < 0)
			goto fail;
		if (p->flags & LP_OVERRIDE && f[i].defined != f[i].origin &&
			qual_str(&mp->quals, "Override", p->name, MI_FLAG_RESTRICTED | MI_FLAG_ENABLEOVERRIDE) < 0)
			goto fail;
		if (qual_str(&mp->quals, "Description", p->desc, DESC_FLAVOR) < 0)
			goto fail;
	}
	/* Methods, from the root down so that overrides are not needed. */
	for (a = c; a != NULL && depth < 16; a = local_class_super(a))
		chain[depth++] = a;
	while (depth-- > 0) {
		if (local_only && chain[depth] != c)
			continue;
		if (add_methods(cls, chain[depth], c, qualifiers, class_origin) < 0)
			goto fail;
	}
	return cls;
fail:
	MI_Class_Delete(cls);
	return NULL;
}
