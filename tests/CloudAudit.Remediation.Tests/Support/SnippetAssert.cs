using CloudAudit.Checks;
using CloudAudit.Remediation.Tests.Snippets;

namespace CloudAudit.Remediation.Tests.Support;

internal static class SnippetAssert
{
    public static TheoryData<string> CheckIds => new(CheckRegistry.All.Select(c => c.Info.Id));

    /// <summary>Fails, naming every snippet that has problems with its check, origin, text and reasons.</summary>
    public static void AllValid(IEnumerable<Snippet> snippets, Func<Snippet, IReadOnlyList<string>> problems) =>
        AllValid(snippets, s => s, problems);

    /// <summary>The same for items that each render one snippet.</summary>
    public static void AllValid<T>(IEnumerable<T> items, Func<T, Snippet> snippet, Func<T, IReadOnlyList<string>> problems)
    {
        var failures = items
            .Select(item => (snippet: snippet(item), problems: problems(item)))
            .Where(p => p.problems.Count > 0)
            .Select(p => p.snippet.Describe(string.Join("; ", p.problems)))
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
