using System.Text.RegularExpressions;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Remediation.Tests.Snippets;

/// <summary>
/// Each template rendered twice: with placeholders, and with a value full of shell and HCL metacharacters
/// in every slot the finding supplies. Quoting is right when both renderings have the same shape.
/// </summary>
public static partial class HostileSlots
{
    /// <summary>What a resource name or tag could hold: quotes, expansions, globs, separators, braces, comments.</summary>
    public const string Value = "it's a \"name\" with $(id) `x` ${var} %{if} ; & | * ? [a] {b,c} ~ # ! \\ end";

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*):raw\}")]
    private static partial Regex RawSlot();

    public sealed record Rendering(string CheckId, string Origin, RenderedRemediation WithPlaceholders, RenderedRemediation WithHostileValues)
    {
        public Snippet Hostile(SnippetLanguage language) => new(CheckId, Origin + " with hostile slot values", language,
            language == SnippetLanguage.Cli ? WithHostileValues.Cli : WithHostileValues.Terraform);
    }

    public static IEnumerable<Rendering> Of(string checkId) => All().Where(r => r.CheckId == checkId);

    public static IEnumerable<Rendering> All() =>
        from check in CheckRegistry.All
        from template in RemediationSnippets.Templates(check.Info)
        let raw = RawSlot().Matches(template.Template.Cli + template.Template.Terraform).Select(m => m.Groups[1].Value).ToHashSet()
        select new Rendering(
            check.Info.Id,
            template.Origin,
            RemediationSnippets.WithPlaceholders(check.Info, template.Template),
            RemediationSnippets.Render(check.Info, template.Template, name => raw.Contains(name) ? "1" : Value));
}
