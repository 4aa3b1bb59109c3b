namespace CloudAudit.Checks.Tests.Support;

/// <summary>The rows of a Markdown table in a document under docs/ (copied beside the tests), so that the documentation is the test's data.</summary>
public static class DocumentedTable
{
    /// <summary>The body rows of the first table whose header line starts with <paramref name="header"/>.</summary>
    public static IReadOnlyList<string> Rows(string document, string header)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Docs", document));
        var start = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/{document} has no table starting with {header}");
        return lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).ToList();
    }

    /// <summary>A row's cells, trimmed, without the backticks of inline code.</summary>
    public static string[] Cells(string row) => row.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
}
