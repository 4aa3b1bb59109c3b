using System.Text.Json.Nodes;
using CloudAudit.Remediation.Tests.Snippets;
using CloudAudit.Remediation.Tests.Support;
using CloudAudit.Remediation.Tests.Terraform;

namespace CloudAudit.Remediation.Tests;

/// <summary>Every Terraform fix of every check is valid HCL that uses the aws provider's real types, arguments and blocks.</summary>
public class RemediationTerraformTests
{
    public static TheoryData<string> CheckIds => SnippetAssert.CheckIds;

    private static readonly TerraformValidator Validator = new(TerraformSchema.Default);

    /// <summary>Every Terraform text the tests look at, parsed in one node run.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, HclParse>> Parsed = new(() => HclParser.ParseAll(
        RemediationSnippets.All.Where(s => s.Language == SnippetLanguage.Terraform).Select(s => s.Text)
            .Concat(HostileSlots.All().Select(r => r.WithHostileValues.Terraform))));

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Every_terraform_fix_is_valid_for_the_aws_provider(string checkId) =>
        SnippetAssert.AllValid(RemediationSnippets.Of(checkId, SnippetLanguage.Terraform), s => Problems(s.Text));

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Slot_values_with_hcl_metacharacters_stay_one_string(string checkId) =>
        SnippetAssert.AllValid(HostileSlots.Of(checkId), r => r.Hostile(SnippetLanguage.Terraform), r =>
        {
            var text = r.WithHostileValues.Terraform;
            var parse = Parsed.Value[text];
            if (parse.Error is { } error) return [$"HCL parser: {error}"];
            // A template that uses a slot as a string must give back the value intact.
            var usesSlotAsString = text.Contains('"' + HostileSlots.Value[..4], StringComparison.Ordinal);
            return usesSlotAsString && !ContainsString(parse.Configuration!, HostileSlots.Value)
                ? ["no string of the parsed configuration holds the slot value intact"]
                : [];
        });

    private static List<string> Problems(string text)
    {
        var parse = Parsed.Value[text];
        if (parse.Error is { } error) return [$"HCL parser: {error}"];
        var errors = Validator.Validate(text, parse.Configuration!).ToList();
        if (!parse.Configuration!.ContainsKey("resource")) errors.Add("defines no resource");
        return errors;
    }

    /// <summary>Whether a string of the configuration is the value (Terraform's JSON form keeps "${" escaped as "$${", "%{" as "%%{").</summary>
    private static bool ContainsString(JsonNode? node, string value) => node switch
    {
        JsonObject o => o.Any(p => ContainsString(p.Value, value)),
        JsonArray a => a.Any(item => ContainsString(item, value)),
        JsonValue v when v.TryGetValue<string>(out var text) =>
            text.Replace("$${", "${", StringComparison.Ordinal).Replace("%%{", "%{", StringComparison.Ordinal) == value,
        _ => false,
    };
}
