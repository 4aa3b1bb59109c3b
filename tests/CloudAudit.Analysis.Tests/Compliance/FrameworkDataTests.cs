using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Tests.Compliance;

/// <summary>The framework data files: each loads, and each keeps the rules a compliance report relies on.</summary>
public class FrameworkDataTests
{
    private static readonly FrameworkCatalog Catalog = FrameworkCatalog.Default;

    public static readonly string[] ExpectedIds =
    [
        "cis_aws_v3", "soc2_type2", "iso27001_2022", "bsi_c5_2020", "hipaa_security", "nis2_directive",
        "aws_fsbp", "cis_aws_v5", "cis_aws_v6", "cis_aws_v7", "nist_800_53_r5", "nist_csf_2_0", "pci_dss_4_0",
    ];

    public static TheoryData<string> FrameworkIds => new(Catalog.Ids);

    private static ComplianceFramework Framework(string id) => Catalog.Find(id)!;

    [Fact]
    public void Every_framework_file_is_embedded_and_loads_with_the_reference_tools_ids_first()
    {
        Assert.Equal(ExpectedIds, Catalog.Ids);
    }

    [Theory]
    [MemberData(nameof(FrameworkIds))]
    public void Control_count_matches_the_published_count_recorded_in_the_header(string id)
    {
        var framework = Framework(id);
        Assert.Equal(framework.PublishedControls, framework.Controls.Count);
        Assert.Contains(framework.PublishedControls.ToString(System.Globalization.CultureInfo.InvariantCulture), framework.CountSource, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FrameworkIds))]
    public void Every_mapped_check_exists(string id)
    {
        var missing = Framework(id).Controls.SelectMany(c => c.Checks.Where(check => CheckRegistry.Find(check) is null).Select(check => $"{c.Id}: {check}")).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(FrameworkIds))]
    public void Automated_and_partial_controls_have_checks_and_manual_ones_have_none_but_say_what_to_verify(string id)
    {
        foreach (var control in Framework(id).Controls)
        {
            if (control.Assessment == ControlAssessment.Manual)
            {
                Assert.True(control.Checks.Count == 0, $"{id} {control.Id} is manual but maps checks");
                Assert.False(string.IsNullOrWhiteSpace(control.Verify), $"{id} {control.Id} is manual and says nothing about what to verify");
            }
            else
            {
                Assert.True(control.Checks.Count > 0, $"{id} {control.Id} is {control.Assessment} without a check");
            }
            Assert.Equal(control.Checks.Count, control.Checks.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(FrameworkIds))]
    public void Every_control_has_an_id_a_title_and_a_section(string id)
    {
        var framework = Framework(id);
        Assert.False(string.IsNullOrWhiteSpace(framework.Name));
        Assert.False(string.IsNullOrWhiteSpace(framework.Ref));
        Assert.StartsWith("https://", framework.Url, StringComparison.Ordinal);
        foreach (var control in framework.Controls)
        {
            Assert.False(string.IsNullOrWhiteSpace(control.Id));
            Assert.False(string.IsNullOrWhiteSpace(control.Title), $"{id} {control.Id} has no title");
            Assert.False(string.IsNullOrWhiteSpace(control.Section), $"{id} {control.Id} has no section");
        }
    }

    public static TheoryData<string, string> CisVersions => new()
    {
        { "cis_aws_v3", "3.0" }, { "cis_aws_v5", "5.0" }, { "cis_aws_v6", "6.0" }, { "cis_aws_v7", "7.0" },
    };

    /// <summary>One source of truth: the CIS files and the checks' CIS references say the same, control by control.</summary>
    [Theory]
    [MemberData(nameof(CisVersions))]
    public void Cis_file_and_the_checks_cis_references_agree(string id, string version)
    {
        var fromFile = Framework(id).Controls.SelectMany(c => c.Checks.Select(check => $"{c.Id} {check}")).Order().ToList();
        var fromChecks = CheckRegistry.All.SelectMany(c => c.Info.Compliance
                .Where(r => r.Framework == ComplianceRef.CisAws && r.Version == version)
                .Select(r => $"{r.Control} {c.Info.Id}"))
            .Order().ToList();
        Assert.Equal(fromChecks, fromFile);
        Assert.Equal($"CIS {version}", Framework(id).Ref);
    }

    [Fact]
    public void Prowler_derived_controls_map_exactly_the_checks_the_equivalents_table_gives()
    {
        var table = Catalog.ProwlerEquivalents;
        var wrong = Catalog.Frameworks.SelectMany(f => f.Controls.Where(c => c.SourceChecks.Count > 0).Select(c => (f, c)))
            .Select(x => (x.f, x.c, expected: x.c.SourceChecks.Where(table.ContainsKey).SelectMany(s => table[s].Checks).Distinct().Order().ToList()))
            .Where(x => !x.expected.SequenceEqual(x.c.Checks.Order()))
            .Select(x => $"{x.f.Id} {x.c.Id}: has [{string.Join(" ", x.c.Checks)}], the table gives [{string.Join(" ", x.expected)}]")
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Equivalents_table_names_only_real_checks_and_only_prowler_checks_a_framework_uses()
    {
        var named = Catalog.Frameworks.SelectMany(f => f.Controls).SelectMany(c => c.SourceChecks).ToHashSet(StringComparer.Ordinal);
        foreach (var row in Catalog.ProwlerEquivalents.Values)
        {
            Assert.All(row.Checks, check => Assert.NotNull(CheckRegistry.Find(check)));
            Assert.True(named.Contains(row.ProwlerCheck), $"{row.ProwlerCheck} is in the table but no framework names it");
        }
    }

    [Fact]
    public void Uncovered_lists_the_prowler_checks_without_an_equivalent()
    {
        var controls = Catalog.Frameworks.SelectMany(f => f.Controls).Where(c => c.SourceChecks.Count > 0).ToList();
        Assert.NotEmpty(controls);
        Assert.All(controls, c => Assert.Equal(c.SourceChecks.Where(s => !Catalog.ProwlerEquivalents.ContainsKey(s)), c.Uncovered));
    }

    [Fact]
    public void Every_check_is_mapped_to_some_control_and_refs_name_framework_and_control()
    {
        // Threat detectors report abuse in progress, not a control's configuration, so no framework maps them.
        var configuration = CheckRegistry.All.Where(c => c.Info.Category != Category.Threat).ToList();
        var unmapped = configuration.Where(c => Catalog.RefsFor(c.Info.Id).Count == 0).Select(c => c.Info.Id).ToList();
        Assert.Empty(unmapped);
        Assert.All(CheckRegistry.All.Where(c => c.Info.Category == Category.Threat), c => Assert.Empty(Catalog.RefsFor(c.Info.Id)));
        Assert.Contains("SOC2 CC6.6", Catalog.RefsFor("aws-vpc-002"));
        Assert.Contains("CIS 5.0 1.4", Catalog.RefsFor("aws-iam-001"));
    }

    [Theory]
    [InlineData("cis-aws-5.0", "cis_aws_v5")]
    [InlineData("CIS_AWS_V3", "cis_aws_v3")]
    [InlineData("cis_aws_v7.0", "cis_aws_v7")]
    [InlineData("soc2_type2", "soc2_type2")]
    public void Find_accepts_the_ids_and_the_older_cis_spelling(string asked, string found) =>
        Assert.Equal(found, Catalog.Find(asked)?.Id);

    [Fact]
    public void Find_returns_null_for_an_unknown_framework() => Assert.Null(Catalog.Find("pci-dss"));
}
