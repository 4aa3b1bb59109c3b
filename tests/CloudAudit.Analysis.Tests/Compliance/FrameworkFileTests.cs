using CloudAudit.Analysis.Compliance;

namespace CloudAudit.Analysis.Tests.Compliance;

/// <summary>A framework file with a mistake fails to load with a message that names it, before any scan uses it.</summary>
public class FrameworkFileTests
{
    private const string Header = """
        "id": "x_test", "name": "Test", "version": "1", "ref": "TEST", "publisher": "p", "url": "https://example.com",
        "published_controls": 1, "count_source": "1 control", "mappings": "ours",
        """;

    private static ComplianceFramework Parse(string controls, string header = Header) =>
        FrameworkFile.Parse("{" + header + "\"controls\": [" + controls + "]}", "x_test", new Dictionary<string, ProwlerEquivalent>());

    [Fact]
    public void A_valid_file_loads()
    {
        var framework = Parse("""{"id": "1.1", "title": "T", "section": "S", "level": "L1", "assessment": "partial", "checks": ["aws-iam-001"], "verify": "Look."}""");
        var control = Assert.Single(framework.Controls);
        Assert.Equal(ControlAssessment.Partial, control.Assessment);
        Assert.Equal("TEST 1.1", framework.RefFor(control));
        Assert.Equal("Look.", control.Verify);
    }

    [Theory]
    [InlineData("""{"id": "1.1", "title": "T", "section": "S", "assessment": "sometimes", "checks": []}""", "assessment 'sometimes'")]
    [InlineData("""{"id": "1.1", "title": "T", "section": "S", "assessment": "manual", "checks": [], "verify": "v"}, {"id": "1.1", "title": "T", "section": "S", "assessment": "manual", "checks": [], "verify": "v"}""", "listed twice")]
    public void A_bad_control_is_rejected_with_its_id(string controls, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => Parse(controls)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_field_is_rejected()
    {
        var e = Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            Parse("""{"id": "1.1", "title": "T", "section": "S", "assessment": "manual", "checks": [], "verify": "v", "description": "copied prose"}"""));
        Assert.Contains("description", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_rejected() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Parse("""{"id": "1.1", "section": "S", "assessment": "manual", "checks": []}"""));

    [Fact]
    public void An_id_that_differs_from_the_file_name_is_rejected() =>
        Assert.Contains("differs from the file name", Assert.Throws<FormatException>(() =>
            Parse("""{"id": "1", "title": "T", "section": "S", "assessment": "manual", "checks": [], "verify": "v"}""", Header.Replace("x_test", "other", StringComparison.Ordinal))).Message, StringComparison.Ordinal);

    [Fact]
    public void Equivalents_rows_are_checked()
    {
        Assert.Throws<FormatException>(() => ProwlerEquivalent.Parse("a_check\t?\taws-iam-001\n"));
        Assert.Throws<FormatException>(() => ProwlerEquivalent.Parse("a_check\t=\taws-iam-001\na_check\t~\taws-iam-002\n"));
        var rows = ProwlerEquivalent.Parse("# comment\na_check\t~\taws-iam-001 aws-iam-002\n");
        Assert.False(rows["a_check"].Exact);
        Assert.Equal(["aws-iam-001", "aws-iam-002"], rows["a_check"].Checks);
    }
}
