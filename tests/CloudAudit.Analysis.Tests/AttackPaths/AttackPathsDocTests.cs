using CloudAudit.Analysis.Chains;

namespace CloudAudit.Analysis.Tests.AttackPaths;

public sealed class AttackPathsDocTests
{
    private static string Doc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAudit.slnx")))
                return File.ReadAllText(Path.Combine(dir.FullName, "docs", "attack-paths.md"));
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Every_rule_is_listed_in_the_docs_with_its_name_and_severity()
    {
        var rows = Doc().Split('\n').Where(l => l.StartsWith("| AC-", StringComparison.Ordinal) || l.StartsWith("| CA-", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToDictionary(c => c[1], c => (Name: c[2], Severity: c[3]));
        Assert.Equal(ChainRules.All.Select(r => r.Info.Id).Order(), rows.Keys.Order());
        foreach (var rule in ChainRules.All)
            Assert.Equal((rule.Info.Name, rule.Info.Severity.ToString().ToLowerInvariant()), rows[rule.Info.Id]);
    }
}
