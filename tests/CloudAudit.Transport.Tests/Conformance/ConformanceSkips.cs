namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>
/// Cases not run, each with the reason. Empty today: every request and response case of the five
/// protocols runs. A case added here needs a feature the scanner cannot use, named in its reason.
/// </summary>
internal static class ConformanceSkips
{
    private static readonly Dictionary<string, string> ByCase = new(StringComparer.Ordinal);

    public static string? Reason(string direction, ProtocolCase testCase) =>
        ByCase.GetValueOrDefault($"{direction}/{testCase.File}/{testCase.Id}");
}
