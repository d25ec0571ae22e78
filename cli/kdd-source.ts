/** The dataset the sample pipelines read: its UCI address, file name, byte size and MD5. */
export const KDD_10_PERCENT: { url: string; fileName: string; size: number; md5: string } = Object.freeze({
  url: 'http://kdd.ics.uci.edu/databases/kddcup99/kddcup.data_10_percent.gz',
  fileName: 'kddcup.data_10_percent.gz',
  size: 2144903,
  md5: 'c421989ff187d340c1265ac3080a3229',
});
