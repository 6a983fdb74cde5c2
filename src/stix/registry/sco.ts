import { anyRef, scoProps } from './common.ts';
import {
  binary,
  bool,
  dict,
  hashes,
  hex,
  int,
  list,
  obj,
  oneOf,
  ov,
  props,
  ref,
  refs,
  req,
  str,
  type TypeSpec,
  ts,
} from './kinds.ts';
import * as V from './vocab.ts';

function sco(type: string, own: Parameters<typeof props>[0], extra: Partial<TypeSpec> = {}): TypeSpec {
  return { type, category: 'sco', props: scoProps(props(own)), ...extra };
}

const fileTimes = { ctime: ts, mtime: ts, atime: ts };
const port = int(0, 65535);
const count = int(0);

const mimePart = obj(
  props({ body: str, body_raw_ref: ref('artifact', 'file'), content_type: str, content_disposition: str }),
);
const registryValue = obj(props({ name: str, data: str, data_type: oneOf(V.WINDOWS_REGISTRY_DATATYPE) }));

/** The 18 STIX 2.1 cyber-observable objects (section 6) with their id-contributing properties. */
export const SCO_TYPES: readonly TypeSpec[] = [
  sco(
    'artifact',
    {
      mime_type: str,
      payload_bin: binary,
      url: str,
      hashes,
      encryption_algorithm: oneOf(V.ENCRYPTION_ALGORITHM),
      decryption_key: str,
    },
    {
      idContributing: ['hashes', 'payload_bin'],
      exclusive: [['payload_bin', 'url']],
      requires: [{ given: 'url', needs: 'hashes' }],
    },
  ),
  sco('autonomous-system', { number: req(int(0)), name: str, rir: str }, { idContributing: ['number'] }),
  sco(
    'directory',
    { path: req(str), path_enc: str, ...fileTimes, contains_refs: refs('file', 'directory') },
    {
      idContributing: ['path'],
    },
  ),
  sco(
    'domain-name',
    { value: req(str), resolves_to_refs: refs('ipv4-addr', 'ipv6-addr', 'domain-name') },
    {
      idContributing: ['value'],
    },
  ),
  sco(
    'email-addr',
    { value: req(str), display_name: str, belongs_to_ref: ref('user-account') },
    {
      idContributing: ['value'],
    },
  ),
  sco(
    'email-message',
    {
      is_multipart: req(bool),
      date: ts,
      content_type: str,
      from_ref: ref('email-addr'),
      sender_ref: ref('email-addr'),
      to_refs: refs('email-addr'),
      cc_refs: refs('email-addr'),
      bcc_refs: refs('email-addr'),
      message_id: str,
      subject: str,
      received_lines: list(str),
      additional_header_fields: dict,
      body: str,
      body_multipart: list(mimePart),
      raw_email_ref: ref('artifact'),
    },
    { idContributing: ['from_ref', 'subject', 'body'] },
  ),
  sco(
    'file',
    {
      hashes,
      size: int(0),
      name: str,
      name_enc: str,
      magic_number_hex: hex,
      mime_type: str,
      ...fileTimes,
      parent_directory_ref: ref('directory'),
      contains_refs: list(anyRef),
      content_ref: ref('artifact'),
    },
    {
      idContributing: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
      atLeastOne: [['hashes', 'name']],
      predefinedExtensions: [
        'archive-ext',
        'ntfs-ext',
        'pdf-ext',
        'raster-image-ext',
        'windows-pebinary-ext',
      ],
    },
  ),
  sco(
    'ipv4-addr',
    { value: req(str), resolves_to_refs: refs('mac-addr'), belongs_to_refs: refs('autonomous-system') },
    {
      idContributing: ['value'],
    },
  ),
  sco(
    'ipv6-addr',
    { value: req(str), resolves_to_refs: refs('mac-addr'), belongs_to_refs: refs('autonomous-system') },
    {
      idContributing: ['value'],
    },
  ),
  sco('mac-addr', { value: req(str) }, { idContributing: ['value'] }),
  sco('mutex', { name: req(str) }, { idContributing: ['name'] }),
  sco(
    'network-traffic',
    {
      start: ts,
      end: ts,
      is_active: bool,
      src_ref: ref('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
      dst_ref: ref('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
      src_port: port,
      dst_port: port,
      protocols: req(list(str)),
      src_byte_count: count,
      dst_byte_count: count,
      src_packets: count,
      dst_packets: count,
      ipfix: dict,
      src_payload_ref: ref('artifact'),
      dst_payload_ref: ref('artifact'),
      encapsulates_refs: refs('network-traffic'),
      encapsulated_by_ref: ref('network-traffic'),
    },
    {
      idContributing: [
        'start',
        'end',
        'src_ref',
        'dst_ref',
        'src_port',
        'dst_port',
        'protocols',
        'extensions',
      ],
      atLeastOne: [['src_ref', 'dst_ref']],
      order: [{ first: 'start', last: 'end' }],
      predefinedExtensions: ['http-request-ext', 'icmp-ext', 'socket-ext', 'tcp-ext'],
    },
  ),
  sco(
    'process',
    {
      is_hidden: bool,
      pid: int(),
      created_time: ts,
      cwd: str,
      command_line: str,
      environment_variables: dict,
      opened_connection_refs: refs('network-traffic'),
      creator_user_ref: ref('user-account'),
      image_ref: ref('file'),
      parent_ref: ref('process'),
      child_refs: refs('process'),
    },
    { idContributing: [], predefinedExtensions: ['windows-process-ext', 'windows-service-ext'] },
  ),
  sco(
    'software',
    {
      name: req(str),
      cpe: str,
      swid: str,
      languages: list(str),
      vendor: str,
      version: str,
    },
    { idContributing: ['name', 'cpe', 'swid', 'vendor', 'version'] },
  ),
  sco('url', { value: req(str) }, { idContributing: ['value'] }),
  sco(
    'user-account',
    {
      user_id: str,
      credential: str,
      account_login: str,
      account_type: ov(V.ACCOUNT_TYPE),
      display_name: str,
      is_service_account: bool,
      is_privileged: bool,
      can_escalate_privs: bool,
      is_disabled: bool,
      account_created: ts,
      account_expires: ts,
      credential_last_changed: ts,
      account_first_login: ts,
      account_last_login: ts,
    },
    {
      idContributing: ['account_type', 'user_id', 'account_login'],
      predefinedExtensions: ['unix-account-ext'],
    },
  ),
  sco(
    'windows-registry-key',
    {
      key: str,
      values: list(registryValue),
      modified_time: ts,
      creator_user_ref: ref('user-account'),
      number_of_subkeys: int(0),
    },
    { idContributing: ['key', 'values'] },
  ),
  sco(
    'x509-certificate',
    {
      is_self_signed: bool,
      hashes,
      version: str,
      serial_number: str,
      signature_algorithm: str,
      issuer: str,
      validity_not_before: ts,
      validity_not_after: ts,
      subject: str,
      subject_public_key_algorithm: str,
      subject_public_key_modulus: str,
      subject_public_key_exponent: int(),
      x509_v3_extensions: dict,
    },
    {
      idContributing: ['hashes', 'serial_number'],
      order: [{ first: 'validity_not_before', last: 'validity_not_after' }],
    },
  ),
];
