/**
 * Builds small .xls files record by record for the tests: BIFF records ([MS-XLS] 2.1.4) in a
 * version-3 compound file ([MS-CFB]) with 512-byte sectors. Written from the specifications for
 * the cases no real writer here produces (a text formula's STRING record, a string split across
 * CONTINUE that switches to UTF-16, BIFF5, FILEPASS) and for damaged files.
 */

export function rec(type: number, ...parts: (number[] | Uint8Array)[]): Buffer {
  const body = Buffer.concat(parts.map((p) => Buffer.from(p)));
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
}

export const u16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
export const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
export const f64 = (n: number): number[] => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n, 0);
  return [...b];
};
/** A BIFF8 string's characters, 8-bit (flags 0) when every one fits, else UTF-16 (flags 1). */
export function chars(s: string): { flags: number; bytes: number[] } {
  const wide = [...s].some((c) => c.charCodeAt(0) > 0xff);
  return wide ? { flags: 1, bytes: [...Buffer.from(s, 'utf16le')] } : { flags: 0, bytes: [...Buffer.from(s, 'latin1')] };
}
/** XLUnicodeString: 2-byte count, flags, characters. */
export function xlString(s: string): number[] {
  const c = chars(s);
  return [...u16(s.length), c.flags, ...c.bytes];
}

export const BOF_GLOBALS = (vers = 0x0600): Buffer => rec(0x0809, u16(vers), u16(0x0005), u16(0), u16(0), u32(0), u32(0));
export const BOF_SHEET = (vers = 0x0600): Buffer => rec(0x0809, u16(vers), u16(0x0010), u16(0), u16(0), u32(0), u32(0));
export const EOF = (): Buffer => rec(0x000a);
/** An XF record whose number format is `fmt` (20 bytes, the rest zero). */
export const xf = (fmt: number): Buffer => rec(0x00e0, u16(0), u16(fmt), new Array<number>(16).fill(0));

/**
 * A workbook stream: globals (the given records, then one BOUNDSHEET per sheet with the right
 * offsets) and the sheets' substreams (BOF, the given records, EOF).
 */
export function workbook(globals: Buffer[], sheets: { name: string; records: Buffer[] }[], vers = 0x0600): Buffer {
  const boundsheet = (at: number, name: string): Buffer =>
    vers === 0x0600 ? rec(0x0085, u32(at), [0, 0], [name.length], [chars(name).flags], chars(name).bytes) : rec(0x0085, u32(at), [0, 0], [name.length], [...Buffer.from(name, 'latin1')]);
  const head = Buffer.concat([BOF_GLOBALS(vers), ...globals]);
  const size = head.length + sheets.reduce((n, s) => n + boundsheet(0, s.name).length, 0) + EOF().length;
  const bodies = sheets.map((s) => Buffer.concat([BOF_SHEET(vers), ...s.records, EOF()]));
  let at = size;
  const bounds = sheets.map((s, i) => {
    const b = boundsheet(at, s.name);
    at += (bodies[i] as Buffer).length;
    return b;
  });
  return Buffer.concat([head, ...bounds, EOF(), ...bodies]);
}

const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const FREESECT = 0xffffffff;

/**
 * A version-3 compound file holding `streams` under the root, each padded to 4096 bytes so it lives
 * in regular sectors (as Excel pads its Workbook stream). Sector 0 is the FAT, sector 1 the
 * directory (up to 3 streams), the streams follow in order.
 */
export function compoundFile(streams: { name: string; data: Uint8Array }[]): Buffer {
  const S = 512;
  const padded = streams.map((s) => {
    const size = Math.max(4096, s.data.length);
    const b = Buffer.alloc(Math.ceil(size / S) * S);
    b.set(s.data);
    return { name: s.name, data: b, size };
  });
  const fat = new Array<number>(128).fill(FREESECT);
  fat[0] = FATSECT;
  fat[1] = ENDOFCHAIN;
  let next = 2;
  const starts = padded.map((p) => {
    const start = next;
    const n = p.data.length / S;
    for (let i = 0; i < n; i++) fat[next + i] = i === n - 1 ? ENDOFCHAIN : next + i + 1;
    next += n;
    return start;
  });
  const header = Buffer.alloc(S);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(ENDOFCHAIN, 0x3c);
  header.writeUInt32LE(0, 0x40);
  header.writeUInt32LE(ENDOFCHAIN, 0x44);
  header.writeUInt32LE(0, 0x48);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREESECT, 0x4c + i * 4);
  const fatSector = Buffer.alloc(S);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v >>> 0, i * 4));
  const dir = Buffer.alloc(S);
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number): void => {
    const o = i * 128;
    Buffer.from(`${name}\0`, 'utf16le').copy(dir, o);
    dir.writeUInt16LE((name.length + 1) * 2, o + 0x40);
    dir[o + 0x42] = type;
    dir[o + 0x43] = 1;
    dir.writeUInt32LE(FREESECT, o + 0x44);
    dir.writeUInt32LE(right, o + 0x48);
    dir.writeUInt32LE(child, o + 0x4c);
    dir.writeUInt32LE(start, o + 0x74);
    dir.writeUInt32LE(size, o + 0x78);
  };
  entry(0, 'Root Entry', 5, padded.length > 0 ? 1 : FREESECT, FREESECT, ENDOFCHAIN, 0);
  // The streams as a chain of right siblings (a valid, if unbalanced, tree).
  padded.forEach((p, i) => entry(i + 1, p.name, 2, FREESECT, i + 1 < padded.length ? i + 2 : FREESECT, starts[i] as number, p.size));
  return Buffer.concat([header, fatSector, dir, ...padded.map((p) => p.data)]);
}

/** Offsets of the header's fields and of sectors, for damaging a file built by {@link compoundFile}. */
export const CFB = { sector: (n: number): number => (n + 1) * 512, fatEntry: (n: number): number => 512 + n * 4, dirEntry: (i: number): number => 1024 + i * 128 };
