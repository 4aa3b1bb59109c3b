using System.Globalization;
using System.Text;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Markdown;

namespace CloudAudit.History.Comparison;

/// <summary>
/// The diff as a pull-request comment: the verdict in the heading, both sides, the counts, every check with a
/// change, then the findings by kind (new first, most severe first) while they fit under GitHub's 65,536
/// characters; what does not fit is counted. Scanned values go through <see cref="MarkdownText.Escape"/>.
/// </summary>
public static class DiffMarkdown
{
    private const int NoteReserve = 300;

    public static void Write(ScanDiff diff, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(Render(diff));
    }

    public static string Render(ScanDiff diff, int limit = MarkdownReportWriter.DefaultLimit)
    {
        var c = diff.Counts;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## cloud-audit diff: {c.New} new, {c.Fixed} fixed{(diff.HasRegression ? " (regression)" : "")}\n\n");
        text.Append("| | old | new |\n|---|---|---|\n");
        text.Append("| Scan | ").Append(Side(diff.Old)).Append(" | ").Append(Side(diff.New)).Append(" |\n");
        text.Append("| Accounts | ").Append(MarkdownText.Escape(string.Join(", ", diff.Old.Accounts))).Append(" | ")
            .Append(MarkdownText.Escape(string.Join(", ", diff.New.Accounts))).Append(" |\n");
        text.Append(CultureInfo.InvariantCulture, $"| Health score | {diff.Old.Score}/100 | {diff.New.Score}/100 ({diff.ScoreChange:+0;-0;±0}) |\n");
        text.Append(CultureInfo.InvariantCulture, $"| Active findings | {diff.Old.ActiveFindings} | {diff.New.ActiveFindings} |\n\n");
        foreach (var warning in diff.ScopeWarnings)
            text.Append("> **Scope:** ").Append(MarkdownText.Escape(warning)).Append('\n');
        if (diff.ScopeWarnings.Count > 0) text.Append('\n');
        text.Append("| New | Fixed | Changed | Unchanged | Unverified | Hidden |\n|---|---|---|---|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {c.New} | {c.Fixed} | {c.Changed} | {c.Unchanged} | {c.Unverified} | {c.Hidden} |\n\n");
        if (c.Unverified > 0)
            text.Append("_Unverified: gone from the new scan, whose check could not look again (error, not assessed, not run, or a gap in that region); not counted as fixed._\n\n");

        var moved = diff.ByCheck.Where(k => k.Counts.AnyChange).ToList();
        if (moved.Count > 0)
        {
            text.Append("### By check\n\n| Account | Check | New | Fixed | Changed | Unchanged | Unverified | Hidden |\n|---|---|---|---|---|---|---|---|\n");
            var written = MarkdownReportWriter.WriteRows(text, moved, limit / 3, k => $"| {MarkdownText.Escape(k.AccountId)} | {MarkdownText.Escape(k.CheckId)} | {k.Counts.New} | {k.Counts.Fixed} | {k.Counts.Changed} | {k.Counts.Unchanged} | {k.Counts.Unverified} | {k.Counts.Hidden} |\n");
            if (written < moved.Count)
                text.Append(CultureInfo.InvariantCulture, $"\n_{moved.Count - written} more check(s) with changes; see `--format json`._\n");
            text.Append('\n');
        }

        foreach (var (kind, title) in new[] { (ChangeKind.New, "New findings"), (ChangeKind.Fixed, "Fixed"), (ChangeKind.Changed, "Changed"), (ChangeKind.Unverified, "Unverified"), (ChangeKind.Hidden, "No longer reported") })
        {
            var changes = diff.Of(kind).ToList();
            if (changes.Count == 0) continue;
            if (text.Length + NoteReserve * 2 > limit)
            {
                text.Append(CultureInfo.InvariantCulture, $"_{title}: {changes.Count} not listed to fit a GitHub comment._\n");
                continue;
            }
            text.Append(CultureInfo.InvariantCulture, $"### {title} ({changes.Count})\n\n| Severity | Check | Account | Region | Resource | Finding |\n|---|---|---|---|---|---|\n");
            var written = MarkdownReportWriter.WriteRows(text, changes, limit, Row);
            if (written < changes.Count)
                text.Append(CultureInfo.InvariantCulture, $"\n_{changes.Count - written} more omitted to fit a GitHub comment; see `--format json`._\n");
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Side(DiffSide side) =>
        $"{MarkdownText.Escape(side.Label)} ({side.ScannedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";

    private static string Row(FindingChange change)
    {
        var f = change.Finding;
        var severity = change.Kind == ChangeKind.Changed && change.Old!.Severity != f.Severity
            ? $"{change.Old.Severity.Upper()} → {f.Severity.Upper()}" : f.Severity.Upper();
        return $"| {severity} | {MarkdownText.Escape(f.CheckId)} | {MarkdownText.Escape(f.AccountId)} | {MarkdownText.Escape(f.Region)} | {MarkdownText.Escape(f.ResourceId, 200)} | {MarkdownText.Escape(f.Title, 200)}: {MarkdownText.Escape(f.Description, 400)} |\n";
    }
}
