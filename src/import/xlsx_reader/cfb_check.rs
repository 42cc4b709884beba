//! A structural check of a legacy `.xls` container (OLE compound file) before calamine
//! reads it.
//!
//! Why: calamine 0.38's `cfb.rs` trusts the file. A damaged `.xls` can make it index past
//! its sector table (panic), follow a sector chain that loops (memory grows until the
//! tab dies), or unwrap a 64-bit stream length on 32-bit wasm (panic). This walks the same
//! header, DIFAT, FAT, directory and stream chains calamine will walk, in the same way,
//! and refuses the file if any step would go out of bounds or loop. Inside the workbook
//! stream, calamine's `xls.rs` also trusts each sheet's position, DIMENSIONS and MULRK records:
//! a position past the stream panics, and reversed or oversized ranges overflow (a panic
//! natively; in wasm, reversed dimensions ask for a huge allocation that aborts the page) —
//! [`check_biff`] refuses those.

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

    let mut workbook = None;
    for name in STREAMS_READ {
        let Some(entry) = entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let stream = if entry.len < 4096 {
            chain(&mini, &mini_fat, entry.start, entry.len)?
        } else {
            chain(&file, &fat, entry.start, entry.len)?
        };
        // calamine reads "Workbook", else "Book".
        if workbook.is_none() && matches!(name, "Workbook" | "Book") {
            workbook = Some(stream);
        }
    }
    match workbook {
        Some(stream) => check_biff(&stream),
        None => Ok(()), // calamine reports the missing stream itself
    }
}

const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const EOF: u16 = 0x000A;
/// The most a BIFF8 sheet can hold.
const MAX_ROWS: u64 = 65_536;
const MAX_COLUMNS: u64 = 256;

/// BIFF records `(type, data)` from `stream`, as calamine's `RecordIter` splits them; stops
/// where a record would run past the end (calamine reports that as an error).
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream.get(..4)?, 0);
        let len = usize::from(u16_at(stream, 2));
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

/// Every sheet position (BOUNDSHEET) within the stream, and every DIMENSIONS record of each
/// sheet calamine would read, within what calamine can handle.
fn check_biff(stream: &[u8]) -> Result<(), &'static str> {
    let positions: Vec<usize> = records(stream)
        .filter(|(typ, data)| *typ == BOUNDSHEET && data.len() >= 4)
        .map(|(_, data)| u32_at(data, 0) as usize)
        .collect();
    for pos in positions {
        let sheet = stream
            .get(pos..)
            .ok_or("sheet position past the workbook stream")?;
        for (typ, data) in records(sheet) {
            match typ {
                DIMENSIONS => check_dimensions(data)?,
                MULRK => check_cell_run(data)?,
                _ => {}
            }
            if typ == EOF {
                break;
            }
        }
    }
    Ok(())
}

/// A MULRK record's columns (first, last) must run forwards within a row, as calamine
/// subtracts them unchecked.
fn check_cell_run(data: &[u8]) -> Result<(), &'static str> {
    if data.len() < 6 {
        return Ok(()); // calamine refuses the length itself
    }
    let first = u16_at(data, 2);
    let last = u16_at(data, data.len() - 2);
    if last < first || u64::from(last - first) + 1 > MAX_COLUMNS {
        return Err("cell run ends before it starts");
    }
    Ok(())
}

/// The sheet size a DIMENSIONS record claims, read as calamine's `parse_dimensions` reads it.
fn check_dimensions(data: &[u8]) -> Result<(), &'static str> {
    let (first_row, rows_end, first_col, cols_end) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        ),
        _ => return Ok(()), // calamine refuses the length itself
    };
    let first_col = if first_col > 0xFF || cols_end < first_col {
        0
    } else {
        first_col
    };
    if rows_end == 0 || cols_end == 0 {
        return Ok(()); // calamine treats it as one cell
    }
    let (last_row, last_col) = (rows_end - 1, cols_end - 1);
    if last_row < first_row || last_col < first_col {
        return Err("sheet dimensions end before they start");
    }
    let rows = u64::from(last_row - first_row) + 1;
    let cols = u64::from(last_col - first_col) + 1;
    if rows > MAX_ROWS || cols > MAX_COLUMNS {
        return Err("sheet dimensions larger than a sheet can be");
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
