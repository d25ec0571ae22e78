/**
 * The 42 column names of the KDD Cup 1999 file as a table: the 41 features of kddcup.names (its `name: type.`
 * lines, in order) and the label, which the file has last. Stated here so that a test needs only the data file.
 */
export const KDD_COLUMNS: readonly string[] = [
  'duration', 'protocol_type', 'service', 'flag', 'src_bytes', 'dst_bytes', 'land', 'wrong_fragment', 'urgent', 'hot', 'num_failed_logins', 'logged_in', 'num_compromised', 'root_shell', 'su_attempted', 'num_root', 'num_file_creations', 'num_shells', 'num_access_files', 'num_outbound_cmds', 'is_host_login', 'is_guest_login', 'count', 'srv_count', 'serror_rate', 'srv_serror_rate', 'rerror_rate', 'srv_rerror_rate', 'same_srv_rate', 'diff_srv_rate', 'srv_diff_host_rate', 'dst_host_count', 'dst_host_srv_count', 'dst_host_same_srv_rate', 'dst_host_diff_srv_rate', 'dst_host_same_src_port_rate', 'dst_host_srv_diff_host_rate', 'dst_host_serror_rate', 'dst_host_srv_serror_rate', 'dst_host_rerror_rate', 'dst_host_srv_rerror_rate',
  'label',
];

/** The 23 labels of the KDD Cup 1999 file, as the first line of kddcup.names lists them (without the file's final dot). */
export const KDD_LABELS: readonly string[] = [
  'back',
  'buffer_overflow',
  'ftp_write',
  'guess_passwd',
  'imap',
  'ipsweep',
  'land',
  'loadmodule',
  'multihop',
  'neptune',
  'nmap',
  'normal',
  'perl',
  'phf',
  'pod',
  'portsweep',
  'rootkit',
  'satan',
  'smurf',
  'spy',
  'teardrop',
  'warezclient',
  'warezmaster',
];
