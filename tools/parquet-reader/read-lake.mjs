// Describes every silver and gold Parquet file under a lake with hyparquet, a reader that shares no code with
// DuckDB or Parquet.Net: per file its row count and, per column, the schema as written (physical type, repetition,
// logical type) and a summary of the values (non-NULL count, sum, min, max, distinct count, UTF-8 bytes).
// Usage: node read-lake.mjs <lake folder>   (prints one JSON array)
import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

const lake = process.argv[2]
if (!lake) {
  console.error('usage: node read-lake.mjs <lake folder>')
  process.exit(2)
}

async function * parquetFiles (folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) yield * parquetFiles(path)
    else if (entry.name.endsWith('.parquet')) yield path
  }
}

const dayMs = 86400000

/** A value as a number or BigInt that sums exactly where the type allows: dates as days since 1970-01-01. */
function numeric (value) {
  if (value instanceof Date) return value.getTime() / dayMs
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

function summarize (element, values) {
  const present = values.filter(v => v !== null && v !== undefined)
  const summary = { count: present.length, nulls: values.length - present.length }
  if (element.type === 'BYTE_ARRAY') {
    summary.bytes = present.reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0)
    summary.distinct = new Set(present).size
    return summary
  }
  const numbers = present.map(numeric)
  if (element.type === 'INT64') {
    summary.sum = numbers.reduce((s, v) => s + BigInt(v), 0n).toString()
  } else {
    summary.sum = numbers.reduce((s, v) => s + v, 0)
  }
  if (numbers.length > 0) {
    const ordered = [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    summary.min = String(ordered[0])
    summary.max = String(ordered[ordered.length - 1])
  }
  summary.distinct = new Set(numbers.map(String)).size
  return summary
}

const described = []
for (const layer of ['silver', 'gold']) {
  for await (const path of parquetFiles(join(lake, layer))) {
    const file = await asyncBufferFromFile(path)
    const metadata = await parquetMetadataAsync(file)
    const rows = await parquetReadObjects({ file, metadata, compressors })
    const columns = metadata.schema.slice(1).map(element => ({
      name: element.name,
      type: element.type,
      repetition: element.repetition_type,
      logical: (element.logical_type?.type ?? element.converted_type ?? '').toLowerCase(),
      ...summarize(element, rows.map(r => r[element.name]))
    }))
    described.push({ file: relative(lake, path), rows: Number(metadata.num_rows), row_groups: metadata.row_groups.length, columns })
  }
}
process.stdout.write(JSON.stringify(described))
