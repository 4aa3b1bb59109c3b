using System.IO.Compression;
using System.Text.Json;

namespace CloudAudit.Remediation.Tests.Support;

/// <summary>The generated tables under Data/, embedded in this assembly.</summary>
internal static class EmbeddedData
{
    public static JsonDocument Load(string name)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }
}
