namespace CloudAudit.Remediation.Tests.Support;

internal static class RepoPaths
{
    /// <summary>The repository root (where CloudAudit.slnx is).</summary>
    public static string Root { get; } = FindRoot();

    public static string ValidationTools => Path.Combine(Root, "tools", "remediation-validation");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAudit.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
