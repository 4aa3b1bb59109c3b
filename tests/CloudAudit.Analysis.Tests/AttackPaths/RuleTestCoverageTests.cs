using System.Reflection;
using CloudAudit.Analysis.Chains;

namespace CloudAudit.Analysis.Tests.AttackPaths;

/// <summary>
/// Every chain rule is tested both ways: a test where the chain exists (its name says the rule fires) and a decoy where
/// the same findings exist on resources that are not linked (its name says the rule does not fire). Test names carry
/// the rule ID as AC_01, CA_12.
/// </summary>
public sealed class RuleTestCoverageTests
{
    private static IReadOnlyList<string> TestNames() =>
        [.. typeof(RuleTestCoverageTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any()).Select(m => m.Name)];

    [Fact]
    public void Every_rule_has_a_test_where_it_fires_and_a_decoy_where_it_does_not()
    {
        var names = TestNames();
        var missing = new List<string>();
        foreach (var rule in ChainRules.All)
        {
            var id = rule.Info.Id.Replace('-', '_');
            var about = names.Where(n => n.Contains(id, StringComparison.Ordinal)).ToList();
            // "does_not_fire" says nothing about firing: a firing test says "fires" (or "fire_by" for two rules at once).
            if (!about.Any(n => n.Contains("_fires", StringComparison.Ordinal) || n.Contains("_fire_by", StringComparison.Ordinal)))
                missing.Add($"{rule.Info.Id}: no test where it fires");
            if (!about.Any(n => n.Contains("_not_", StringComparison.Ordinal))) missing.Add($"{rule.Info.Id}: no decoy where it does not fire");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
