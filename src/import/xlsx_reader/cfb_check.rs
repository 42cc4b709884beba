//! A structural check of a legacy `.xls` container (OLE compound file) before calamine
//! reads it.
//!
//! Why: calamine 0.38's `cfb.rs` trusts the file. A damaged `.xls` can make it index past
//! its sector table (panic), follow a sector chain that loops (memory grows until the
//! tab dies), or unwrap a 64-bit stream length on 32-bit wasm (panic). This walks the same
//! header, DIFAT, FAT, directory and stream chains calamine will walk, in the same way,
//! and refuses the file if any step would go out of bounds or loop.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const MINI_SECTOR: usize = 64;
/// The streams calamine opens by name when loading a workbook.
const STREAMS_READ: [&str; 4] = [
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
    "Workbook",
    "Book",
];

/// `Err` with a short reason when calamine must not be given these bytes.
pub fn check(bytes: &[u8]) -> Result<(), &'static str> {
    let header = bytes.get(..512).ok_or("file shorter than its header")?;
    if !header.starts_with(SIGNATURE) {
        return Err("not an OLE compound file");
    }
    let sector_size = match u16_at(header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err("bad sector size"),
    };
    let data = bytes
        .get(sector_size..)
        .ok_or("file shorter than its header")?;
    let file = Sectors {
        data,
        size: sector_size,
    };

    // DIFAT: 109 entries in the header, then a chain whose last entry points onwards.
    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut next = u32_at(header, 68);
    let mut hops = 0;
    while next < RESERVED_SECTORS {
        hops += 1;
        if hops > file.count() + 1 {
            return Err("looping DIFAT chain");
        }
        difat.extend(u32s(file.get(next)?));
        next = difat.pop().ok_or("empty DIFAT sector")?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat.extend(u32s(file.get(id)?));
    }

    let directory = chain(&file, &fat, u32_at(header, 48), usize::MAX)?;
    let entries: Vec<Entry> = directory
        .chunks_exact(128)
        .map(|c| Entry::parse(c, sector_size))
        .collect::<Result<_, _>>()?;
    let Some(root) = entries.first() else {
        return Ok(()); // calamine reports the empty directory itself
    };

    let (mini_fat, mini_stream) = if u32_at(header, 64) > 0 {
        let stream = chain(&file, &fat, root.start, root.len)?;
        let mini_fat_bytes = usize::try_from(u32_at(header, 64))
            .ok()
            .and_then(|n| n.checked_mul(sector_size))
            .ok_or("mini FAT too large")?;
        let mini_fat = chain(&file, &fat, u32_at(header, 60), mini_fat_bytes)?;
        (u32s(&mini_fat).collect(), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini = Sectors {
        data: &mini_stream,
        size: MINI_SECTOR,
    };

    for name in STREAMS_READ {
        let Some(entry) = entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) else {
            continue;
        };
        if entry.len < 4096 {
            chain(&mini, &mini_fat, entry.start, entry.len)?;
        } else {
            chain(&file, &fat, entry.start, entry.len)?;
        }
    }
    Ok(())
}

struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
}

impl Sectors<'_> {
    /// Whole sectors present in the file.
    fn count(&self) -> usize {
        self.data.len() / self.size
    }
    fn get(&self, id: u32) -> Result<&[u8], &'static str> {
        let start = usize::try_from(id).map_err(|_| "sector id out of range")?;
        let start = start
            .checked_mul(self.size)
            .ok_or("sector id out of range")?;
        let end = start
            .checked_add(self.size)
            .ok_or("sector id out of range")?;
        self.data
            .get(start..end)
            .ok_or("sector beyond the end of the file")
    }
}

/// The bytes calamine's `Sectors::get_chain` would collect, or why it would misbehave.
fn chain(sectors: &Sectors, fat: &[u32], start: u32, len: usize) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::new();
    let mut id = start;
    let mut hops = 0;
    while id != ENDOFCHAIN {
        let sector = sectors.get(id)?;
        let take = sector.len().min(len - out.len());
        out.extend_from_slice(&sector[..take]);
        if out.len() >= len {
            break;
        }
        id = *fat
            .get(id as usize)
            .ok_or("sector missing from the allocation table")?;
        hops += 1;
        if hops > sectors.count() {
            return Err("looping sector chain");
        }
    }
    Ok(out)
}

struct Entry {
    name: String,
    start: u32,
    len: usize,
}

impl Entry {
    fn parse(raw: &[u8], sector_size: usize) -> Result<Entry, &'static str> {
        let units = raw[..64]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]));
        let name: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .take_while(|c| *c != '\0')
            .collect();
        let len = if sector_size == 512 {
            u64::from(u32_at(raw, 120))
        } else {
            u64::from_le_bytes(raw[120..128].try_into().map_err(|_| "short entry")?)
        };
        Ok(Entry {
            name,
            start: u32_at(raw, 116),
            len: usize::try_from(len).map_err(|_| "stream length too large")?,
        })
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}
