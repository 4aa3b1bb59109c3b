using CloudAudit.Checks.Framework;
using CloudAudit.Demo;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Checks.Tests;

/// <summary>Every check's metadata meets the same bar, and the demo exercises every check both ways.</summary>
public class CatalogTests
{
    public static TheoryData<string> CheckIds => new(CheckRegistry.All.Select(c => c.Info.Id));

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Metadata_is_complete(string id)
    {
        var info = CheckRegistry.Find(id)!.Info;
        Assert.Matches(CheckInfo.IdPattern(), info.Id);
        Assert.False(string.IsNullOrWhiteSpace(info.Title));
        Assert.True(info.Description.Length >= 80, "description says what and how");
        Assert.True(info.Rationale.Length >= 120, "rationale says why it matters");
        Assert.NotEmpty(info.CommonCauses);
        Assert.All(info.CommonCauses, c => Assert.EndsWith(".", c));
        Assert.EndsWith(".", info.Recommendation);
        Assert.StartsWith("AWS::", info.ResourceType);
        foreach (var template in new[] { info.Remediation }.Concat(info.RemediationVariants))
        {
            Assert.StartsWith("https://docs.aws.amazon.com/", template.DocUrl);
            Assert.Contains("aws ", template.Cli);
            Assert.Contains("resource \"aws_", template.Terraform);
            Assert.DoesNotContain("...", template.Cli);
            Assert.DoesNotContain("…", template.Cli + template.Terraform);
        }
        if (info.RemediationVariants.Count > 0)
            Assert.All(new[] { info.Remediation }.Concat(info.RemediationVariants), t => Assert.NotNull(t.When));
        Assert.NotEmpty(CheckRegistry.Find(id)!.Reads);
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Cis_references_name_real_versions(string id)
    {
        foreach (var reference in CheckRegistry.Find(id)!.Info.Compliance.Where(r => r.Framework == ComplianceRef.CisAws))
        {
            Assert.Contains(reference.Version, new[] { "1.4", "3.0", "5.0", "6.0", "7.0" });
            Assert.Matches(@"^\d+(\.\d+){1,2}$", reference.Control);
        }
    }

    private static readonly Lazy<InventorySnapshot> Demo = new(() => DemoAccount.Build(TestAccountClock, "test"));
    private static readonly DateTimeOffset TestAccountClock = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_demo_answers_every_call_the_checks_plan()
    {
        var missing = new List<string>();
        foreach (var account in Demo.Value.Accounts)
        {
            var data = new AccountData(account);
            foreach (var call in CheckRunner.RequiredCalls(CheckRegistry.All))
            {
                var results = call.Scope switch
                {
                    CallScope.Global => [data.Global(call)],
                    CallScope.Regional => account.Regions.Select(r => data.InRegion(call, r)).ToList(),
                    CallScope.Windowed => call.WindowRegions(data.Partition, account.Regions).Select(r => data.InWindow(call, r).Result).ToList(),
                    _ => data.TargetsOf(call).Select(t => data.ForTarget(call, t.Target)).ToList(),
                };
                missing.AddRange(results.Where(r => r.Gap is { Kind: null }).Select(r => $"{account.AccountId} {r.Gap}"));
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Demo_findings_name_each_resource_once_per_check()
    {
        var findings = Demo.Value.Accounts.SelectMany(a => CheckRegistry.All.SelectMany(c =>
            CheckRunner.Evaluate(c, new CheckContext(new AccountData(a), TestAccountClock)).Findings)).ToList();
        var duplicates = findings.GroupBy(f => (f.CheckId, f.AccountId, f.Region, f.ResourceId, f.Discriminator)).Where(g => g.Count() > 1)
            .Select(g => $"{g.First().CheckId} {g.First().ResourceId}").ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void The_demo_answers_each_call_once()
    {
        var repeated = Demo.Value.Accounts.SelectMany(a => a.Calls.Select(c => (a.AccountId, Key: CallKey.Of(c.Region, c.Service, c.Operation, c.Params))))
            .GroupBy(x => x).Where(g => g.Count() > 1).Select(g => $"{g.Key.AccountId} {g.Key.Key}").ToList();
        Assert.Empty(repeated);
    }

    [Fact]
    public void The_demo_has_denied_reads()
    {
        Assert.Contains(Demo.Value.Accounts.SelectMany(a => a.Calls), c => c.Error?.Kind == ErrorKind.AccessDenied);
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void The_demo_has_failing_and_passing_resources_for_every_check(string id)
    {
        var check = CheckRegistry.Find(id)!;
        var results = Demo.Value.Accounts.Select(a => CheckRunner.Evaluate(check, new CheckContext(new AccountData(a), TestAccountClock))).ToList();
        Assert.DoesNotContain(results, r => r.Status == CheckStatus.Error);
        Assert.Contains(results, r => r.Findings.Count > 0);
        Assert.Contains(results, r => r.Status == CheckStatus.Pass || r.ResourcesScanned > r.Findings.Count);
    }
}
