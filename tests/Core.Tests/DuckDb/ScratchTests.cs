using StockLakehouse.Core.DuckDb;
using Xunit.Abstractions;

namespace StockLakehouse.Core.Tests.DuckDb;

public sealed class ScratchTests
{
    private readonly ITestOutputHelper _output;

    public ScratchTests(ITestOutputHelper output) => _output = output;

    private void Try(DuckDbConnection c, string sql)
    {
        try
        {
            var n = c.ExecuteNonQuery(sql);
            _output.WriteLine($"OK ({n}): {sql}");
        }
        catch (Exception ex)
        {
            _output.WriteLine($"FAIL: {sql}\n   {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Show(DuckDbConnection c, string sql)
    {
        try
        {
            var b = c.Query(sql);
            _output.WriteLine($"QUERY {sql} -> {b.RowCount} rows: " + string.Join(" | ", Enumerable.Range(0, Math.Min(b.RowCount, 10)).Select(r => string.Join(",", b.Columns.Select(col => $"{col.Name}={col.GetValue(r) ?? "NULL"}")))));
        }
        catch (Exception ex)
        {
            _output.WriteLine($"QUERY FAIL: {sql}\n   {ex.GetType().Name}: {ex.Message}");
        }
    }

    [Fact]
    public void Scratch()
    {
        _output.WriteLine(DuckDbDatabase.LibraryVersion);
        using var db = DuckDbDatabase.Open();
        using var c = db.Connect();
        Try(c, "CREATE TABLE a(x INT); INSERT INTO a VALUES (1),(2),(3)");
        Show(c, "SELECT * FROM a");
        Try(c, "UPDATE a SET x = x + 1 WHERE x > 1");
        Try(c, "DELETE FROM a WHERE x = 1");
        Show(c, "CREATE TABLE b(y INT)");
        Show(c, "SELECT NULL AS n");
        Show(c, "SELECT 1::TINYINT t, 2::SMALLINT s, 3::UTINYINT u, 4::HUGEINT h, 1.5::FLOAT f, 12.345::DECIMAL(10,3) d, 123456789012.345678::DECIMAL(38,6) dh, TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' tz, '2024-01-02 03:04:05'::TIMESTAMP_S ts, '2024-01-02 03:04:05.123'::TIMESTAMP_MS tms, '2024-01-02 03:04:05.123456789'::TIMESTAMP_NS tns");
        Show(c, "SELECT 'x'::BLOB b");
        Show(c, "SELECT 7::UBIGINT a, 8::UINTEGER b, 9::USMALLINT c, 10::UHUGEINT d, (-5)::HUGEINT e, 'a'::ENUM('a','b') f");
        Show(c, "SELECT typeof(NULL), typeof(1.5), typeof(2::INT)");
        Try(c, "CREATE TABLE q(x INT); INSERT INTO q VALUES (1); INSERT INTO nope VALUES (1); INSERT INTO q VALUES (2)");
        Show(c, "SELECT * FROM q");
        foreach (var batch in c.QueryBatches("SELECT 42 AS k, i FROM range(5000) t(i)", 1500))
        {
            _output.WriteLine($"batch {batch.RowCount} first k={batch.Columns[0].GetValue(0)} i={batch.Columns[1].GetValue(0)} last i={batch.Columns[1].GetValue(batch.RowCount - 1)}");
        }
        Show(c, "SELECT 1; SELECT 2 AS two");
        Try(c, "CREATE TABLE m(x INT); INSERT INTO m VALUES (1); INSERT INTO m VALUES (1),(2),(3)");
        Try(c, "INSERT INTO m VALUES (1),(2),(3); INSERT INTO m VALUES (1)");
        Try(c, "INSERT INTO m VALUES (1),(2),(3); SELECT 1");
        Try(c, "SELECT 1; INSERT INTO m VALUES (1),(2),(3)");
        Show(c, "INSERT INTO m VALUES (1),(2),(3); SELECT 1 AS one");
        Show(c, "SELECT 1 AS one; INSERT INTO m VALUES (1),(2),(3)");
        Show(c, "SELECT [1,2] l");
        Show(c, "SELECT 'infinity'::DATE d");
        Show(c, "SELECT 1 a, 2 a");
        Try(c, "SELECT * FROM nope");
        Try(c, "CREATE TABLE tgt(id INT PRIMARY KEY, v VARCHAR, d DATE); INSERT INTO tgt VALUES (1,'a','2024-01-01'),(2,'b','2024-01-02'),(3,'c','2024-01-03'),(4,'old','2023-01-01')");
        Try(c, "CREATE TABLE src(id INT, v VARCHAR, d DATE); INSERT INTO src VALUES (1,'A','2024-01-01'),(5,'E','2024-01-05')");
        Try(c, "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET v = src.v WHEN NOT MATCHED THEN INSERT VALUES (src.id, src.v, src.d) WHEN NOT MATCHED BY SOURCE AND tgt.d < DATE '2024-01-01' THEN DELETE");
        Show(c, "SELECT * FROM tgt ORDER BY id");
        Try(c, "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        Try(c, "MERGE INTO tgt AS t USING (SELECT 2 AS id, 'B' AS v, DATE '2024-02-02' AS d) AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        Show(c, "SELECT * FROM tgt ORDER BY id");
        Try(c, "MERGE INTO tgt USING src USING (id) WHEN MATCHED THEN UPDATE WHEN NOT MATCHED THEN INSERT");
        Try(c, "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED AND src.v = 'zzz' THEN DELETE WHEN MATCHED THEN UPDATE SET v = src.v, d = src.d WHEN NOT MATCHED BY TARGET THEN INSERT (id, v, d) VALUES (src.id, src.v, src.d) WHEN NOT MATCHED BY SOURCE AND tgt.id > 100 THEN DELETE RETURNING merge_action, *");
        Show(c, "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET v = src.v RETURNING merge_action, *");
        Show(c, "SELECT * FROM tgt ORDER BY id");
    }
}
