using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CloudAudit.Transport.Http;

/// <summary>The HTTP handler every request of a scan goes through, credential requests included.</summary>
internal static class HttpHandlers
{
    /// <param name="caBundle">
    /// Certificates to trust instead of the system's (AWS_CA_BUNDLE / ca_bundle): as with the AWS CLI, a server is
    /// trusted only when its chain ends in one of them (a TLS-inspecting proxy's CA).
    /// </param>
    public static SocketsHttpHandler Create(X509Certificate2Collection? caBundle)
    {
        // No cookies: AWS APIs need none, and a handler shared by several accounts' clients must carry no state between them.
        var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, UseCookies = false };
        if (caBundle is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                TrustedBy(caBundle, certificate, chain, errors);
        return handler;
    }

    internal static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        // A wrong host name or no certificate fails whatever the trust store.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
