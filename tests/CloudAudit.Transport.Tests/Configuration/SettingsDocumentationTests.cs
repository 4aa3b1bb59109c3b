using CloudAudit.Transport.Configuration;

namespace CloudAudit.Transport.Tests.Configuration;

/// <summary>docs/live-scanning.md lists every environment variable the transport reads.</summary>
public sealed class SettingsDocumentationTests
{
    [Fact]
    public void Every_environment_variable_read_is_in_the_live_scanning_documentation()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CloudAudit.slnx")))
            directory = directory.Parent;
        Assert.NotNull(directory);
        var page = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "live-scanning.md"));

        var missing = AwsEnvironment.Honoured.Where(name => !page.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "not in docs/live-scanning.md: " + string.Join(", ", missing));
        Assert.True(AwsEnvironment.Honoured.Count > 30);
    }
}
