using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record TrustAnchorSourceData(
    [property: JsonPropertyName("acmPcaArn")] string? AcmPcaArn,
    [property: JsonPropertyName("x509CertificateData")] string? X509CertificateData);

public sealed record TrustAnchorSource(
    [property: JsonPropertyName("sourceType")] string? SourceType,
    [property: JsonPropertyName("sourceData")] TrustAnchorSourceData? SourceData);

public sealed record TrustAnchor(
    [property: JsonPropertyName("trustAnchorId")] string TrustAnchorId,
    [property: JsonPropertyName("trustAnchorArn")] string TrustAnchorArn,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("source")] TrustAnchorSource? Source,
    [property: JsonPropertyName("enabled")] bool? Enabled);

public sealed record ListTrustAnchorsResponse([property: JsonPropertyName("trustAnchors")] List<TrustAnchor>? TrustAnchors);

/// <summary>One SES identity: a domain or an e-mail address.</summary>
public sealed record EmailIdentity(string? IdentityType, string IdentityName, bool? SendingEnabled, string? VerificationStatus);

public sealed record ListEmailIdentitiesResponse(List<EmailIdentity>? EmailIdentities);

/// <summary>A region's SES account settings.</summary>
public sealed record SesAccount(bool? ProductionAccessEnabled, bool? SendingEnabled, string? EnforcementStatus);

/// <summary>IAM Roles Anywhere trust anchors and SES identities, as the threat detectors read them.</summary>
public sealed class IdentityAndMailView(AccountData data)
{
    public RegionalList<TrustAnchor> TrustAnchors() =>
        data.ListInEveryRegion(IdentityAndMailCalls.ListTrustAnchors, IdentityAndMailJson.Default.ListTrustAnchorsResponse, r => r.TrustAnchors);

    public RegionalList<EmailIdentity> EmailIdentities() =>
        data.ListInEveryRegion(IdentityAndMailCalls.ListEmailIdentities, IdentityAndMailJson.Default.ListEmailIdentitiesResponse, r => r.EmailIdentities);

    public RegionRead<SesAccount> SesAccount(string region) =>
        RegionRead<SesAccount>.From(region, ViewJson.Read(data.InRegion(IdentityAndMailCalls.GetSesAccount, region), IdentityAndMailJson.Default.SesAccount));
}

[JsonSerializable(typeof(ListTrustAnchorsResponse))]
[JsonSerializable(typeof(ListEmailIdentitiesResponse))]
[JsonSerializable(typeof(SesAccount))]
internal sealed partial class IdentityAndMailJson : JsonSerializerContext;
