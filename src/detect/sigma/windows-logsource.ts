import type { Logsource } from './types.ts';

/** Windows event channel → Sigma `service`, from the Sigma taxonomy appendix (v2.1.0). Keys in lower case. */
const SERVICE_OF_CHANNEL: Readonly<Record<string, string>> = {
  application: 'application',
  'microsoft-windows-application-experience/program-telemetry': 'application-experience',
  'microsoft-windows-application-experience/program-compatibility-assistant': 'application-experience',
  'microsoft-windows-applocker/msi and script': 'applocker',
  'microsoft-windows-applocker/exe and dll': 'applocker',
  'microsoft-windows-applocker/packaged app-deployment': 'applocker',
  'microsoft-windows-applocker/packaged app-execution': 'applocker',
  'microsoft-windows-appmodel-runtime/admin': 'appmodel-runtime',
  'microsoft-windows-appxdeploymentserver/operational': 'appxdeployment-server',
  'microsoft-windows-appxpackaging/operational': 'appxpackaging-om',
  'microsoft-windows-bitlocker/bitlocker management': 'bitlocker',
  'microsoft-windows-bits-client/operational': 'bits-client',
  'microsoft-windows-capi2/operational': 'capi2',
  'microsoft-windows-certificateservicesclient-lifecycle-system/operational':
    'certificateservicesclient-lifecycle-system',
  'microsoft-windows-codeintegrity/operational': 'codeintegrity-operational',
  'microsoft-windows-dhcp-server/operational': 'dhcp',
  'microsoft-windows-diagnosis-scripted/operational': 'diagnosis-scripted',
  'microsoft-windows-dns client events/operational': 'dns-client',
  'dns server': 'dns-server',
  'microsoft-windows-dns-server/analytical': 'dns-server-analytic',
  'microsoft-windows-dns-server/audit': 'dns-server-audit',
  'microsoft-windows-driverframeworks-usermode/operational': 'driver-framework',
  'microsoft-windows-windows firewall with advanced security/firewall': 'firewall-as',
  'microsoft-windows-hyper-v-worker': 'hyper-v-worker',
  'microsoft-iis-configuration/operational': 'iis-configuration',
  'microsoft-windows-kernel-eventtracing': 'kernel-event-tracing',
  'microsoft-windows-kernel-shimengine/operational': 'kernel-shimengine',
  'microsoft-windows-ldap-client/debug': 'ldap',
  'microsoft-windows-lsa/operational': 'lsa-server',
  'msexchange management': 'msexchange-management',
  'microsoft-windows-ntfs/operational': 'ntfs',
  'microsoft-windows-ntlm/operational': 'ntlm',
  'openssh/operational': 'openssh',
  'microsoft-windows-powershell/operational': 'powershell',
  'powershellcore/operational': 'powershell',
  'windows powershell': 'powershell-classic',
  'microsoft-windows-printservice/admin': 'printservice-admin',
  'microsoft-windows-printservice/operational': 'printservice-operational',
  security: 'security',
  'microsoft-windows-security-mitigations/kernel mode': 'security-mitigations',
  'microsoft-windows-security-mitigations/user mode': 'security-mitigations',
  'microsoft-windows-sense/operational': 'sense',
  'microsoft-servicebus-client/operational': 'servicebus-client',
  'microsoft-servicebus-client/admin': 'servicebus-client',
  'microsoft-windows-shell-core/operational': 'shell-core',
  'microsoft-windows-smbclient/security': 'smbclient-security',
  'microsoft-windows-sysmon/operational': 'sysmon',
  system: 'system',
  'microsoft-windows-taskscheduler/operational': 'taskscheduler',
  'microsoft-windows-terminalservices-localsessionmanager/operational':
    'terminalservices-localsessionmanager',
  'microsoft-windows-vhdmp/operational': 'vhdmp',
  'microsoft-windows-windows defender/operational': 'windefend',
  'microsoft-windows-wmi-activity/operational': 'wmi',
};

/** Sysmon event id → Sigma `category` (taxonomy appendix); 12 is resolved by its EventType. */
const SYSMON_CATEGORY: Readonly<Record<number, string>> = {
  1: 'process_creation',
  2: 'file_change',
  3: 'network_connection',
  4: 'sysmon_status',
  5: 'process_termination',
  6: 'driver_load',
  7: 'image_load',
  8: 'create_remote_thread',
  9: 'raw_access_thread',
  10: 'process_access',
  11: 'file_event',
  13: 'registry_set',
  14: 'registry_rename',
  15: 'create_stream_hash',
  16: 'sysmon_status',
  17: 'pipe_created',
  18: 'pipe_created',
  19: 'wmi_event',
  20: 'wmi_event',
  21: 'wmi_event',
  22: 'dns_query',
  23: 'file_delete',
  24: 'clipboard_capture',
  25: 'process_tampering',
  26: 'file_delete_detected',
  27: 'file_block_executable',
  28: 'file_block_shredding',
  29: 'file_executable_detected',
  255: 'sysmon_error',
};

const POWERSHELL_CATEGORY: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  powershell: { 4103: 'ps_module', 4104: 'ps_script' },
  'powershell-classic': {
    400: 'ps_classic_start',
    600: 'ps_classic_provider_start',
    800: 'ps_classic_script',
  },
};

/** Categories that a more specific one also belongs to (a Sysmon 13 is a registry_event too). */
export const PARENT_CATEGORY: Readonly<Record<string, string>> = {
  registry_add: 'registry_event',
  registry_delete: 'registry_event',
  registry_set: 'registry_event',
  registry_rename: 'registry_event',
};

/** The Sigma log source of a Windows event, from its channel, event id and (for Sysmon 12) event type. */
export function windowsLogsource(channel: string, eventId: number, eventType: unknown): Logsource {
  const service = SERVICE_OF_CHANNEL[channel.toLowerCase()];
  let category: string | undefined;
  if (service === 'sysmon') {
    if (eventId === 12) {
      category = String(eventType).toLowerCase() === 'createkey' ? 'registry_add' : 'registry_delete';
    } else category = SYSMON_CATEGORY[eventId];
  } else if (service !== undefined) category = POWERSHELL_CATEGORY[service]?.[eventId];
  return {
    product: 'windows',
    ...(category === undefined ? {} : { category }),
    ...(service === undefined ? {} : { service, complete: true }),
  };
}
