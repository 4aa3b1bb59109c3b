using System.Globalization;
using System.Net.Http.Headers;
using System.Xml.Linq;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Models;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Credentials;

/// <summary>What one AssumeRole asks for.</summary>
/// <param name="MfaSerial">The MFA device whose code the role's trust policy requires (a profile's mfa_serial).</param>
/// <param name="DurationSeconds">The session's length (a profile's duration_seconds); null for STS's default of an hour.</param>
public sealed record AssumeRoleRequest(string RoleArn, string SessionName, string? ExternalId = null, string? MfaSerial = null,
    int? DurationSeconds = null);

/// <summary>
/// The two STS calls that issue the scanner's own credentials, AssumeRole (signed with the source credentials) and
/// AssumeRoleWithWebIdentity (unsigned), over STS's query protocol, to the STS endpoint the settings pick (a custom
/// one, else the home region's, or sts.amazonaws.com with sts_regional_endpoints = legacy).
/// </summary>
internal static class StsCredentialCalls
{
    private const string Version = "2011-06-15";

    public static async Task<AwsCredentials> AssumeRoleAsync(CredentialHttp http, CachedCredentials source, AssumeRoleRequest role,
        string? mfaCode, CancellationToken cancellation)
    {
        var signing = (await source.CurrentAsync(cancellation).ConfigureAwait(false)).ForSigning();
        var fields = new List<(string, string?)>
        {
            ("Action", "AssumeRole"), ("Version", Version), ("RoleArn", role.RoleArn), ("RoleSessionName", role.SessionName),
            ("ExternalId", role.ExternalId), ("SerialNumber", role.MfaSerial), ("TokenCode", mfaCode),
            ("DurationSeconds", role.DurationSeconds?.ToString(CultureInfo.InvariantCulture)),
        };
        var what = $"sts:AssumeRole of {role.RoleArn}";
        var response = await http.SendAsync(() => Build(http, fields, signing), what, cancellation).ConfigureAwait(false);
        return Credentials(response, what);
    }

    public static async Task<AwsCredentials> AssumeRoleWithWebIdentityAsync(CredentialHttp http, string roleArn, string sessionName,
        string token, CancellationToken cancellation)
    {
        var fields = new List<(string, string?)>
        {
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", Version), ("RoleArn", roleArn), ("RoleSessionName", sessionName),
            ("WebIdentityToken", token),
        };
        var what = $"sts:AssumeRoleWithWebIdentity of {roleArn}";
        var response = await http.SendAsync(() => Build(http, fields, signing: null), what, cancellation).ConfigureAwait(false);
        return Credentials(response, what);
    }

    private static HttpRequestMessage Build(CredentialHttp http, List<(string Key, string? Value)> fields, SigningCredentials? signing)
    {
        var endpoint = Endpoint(http);
        var content = CredentialHttp.Form(fields);
        var body = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        if (signing is not null)
        {
            var host = endpoint.Url.IsDefaultPort ? endpoint.Url.Host : endpoint.Url.Authority;
            var headers = new List<KeyValuePair<string, string>> { new("Host", host), new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8") };
            var signed = SigV4Signer.Sign(new SigningRequest { Method = "POST", Path = endpoint.Url.AbsolutePath, Headers = headers, Body = body },
                signing, new SigningOptions(endpoint.SigningRegion, endpoint.SigningName), http.Clock.GetUtcNow());
            foreach (var (name, value) in signed.HeadersToAdd)
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>STS's endpoint as the settings want it, resolved like every other endpoint.</summary>
    internal static ResolvedEndpoint Endpoint(CredentialHttp http)
    {
        var model = ModelStore.Find("sts")!;
        var region = http.Settings.Endpoints.StsRegional ? http.HomeRegion : EndpointResolver.Global;
        return EndpointResolver.Default.Resolve(model, region, http.HomeRegion, http.Settings.Endpoints.For(model.Metadata.ServiceId));
    }

    private static AwsCredentials Credentials(CredentialResponse response, string what)
    {
        XElement root;
        try
        {
            root = XElement.Parse(response.Body);
        }
        catch (System.Xml.XmlException)
        {
            throw new NoCredentialsException($"{what} failed: HTTP {response.Status} with an unreadable answer");
        }
        if (!response.Succeeded)
        {
            var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? $"HTTP {response.Status}";
            var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
            throw new NoCredentialsException($"{what} was refused: {code}: {message}".TrimEnd(' ', ':'));
        }
        var credentials = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Credentials")
            ?? throw new NoCredentialsException($"{what} answered without credentials");
        string Field(string name) => credentials.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value
            ?? throw new NoCredentialsException($"{what} answered without {name}");
        return new AwsCredentials(Field("AccessKeyId"), Field("SecretAccessKey"), Field("SessionToken"),
            DateTimeOffset.Parse(Field("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
}
