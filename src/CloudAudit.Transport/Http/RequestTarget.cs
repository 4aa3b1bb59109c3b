using CloudAudit.Transport.Protocols;

namespace CloudAudit.Transport.Http;

/// <summary>Where a serialized request goes: the endpoint's host (with the operation's host prefix) and path.</summary>
internal static class RequestTarget
{
    /// <param name="applyHostPrefix">False for custom endpoints: an emulator or proxy has no per-account host names.</param>
    public static Uri Build(Uri endpoint, WireRequest request, bool applyHostPrefix)
    {
        var builder = new UriBuilder(endpoint);
        if (applyHostPrefix && request.HostPrefix is { } prefix)
            builder.Host = prefix + builder.Host;
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        var uri = builder.Uri.GetLeftPart(UriPartial.Authority) + basePath + request.PathAndQuery;
        // Keep the path as serialized: no dot-segment removal or unescaping (S3 keys may hold "..").
        return new Uri(uri, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }
}
