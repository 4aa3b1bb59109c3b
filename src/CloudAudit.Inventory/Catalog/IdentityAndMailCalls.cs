namespace CloudAudit.Inventory.Catalog;

/// <summary>IAM Roles Anywhere and SES (v2) reads, in every scanned region.</summary>
public static class IdentityAndMailCalls
{
    /// <summary>Roles Anywhere trust anchors: the certificate authorities whose certificates are exchanged for role credentials.</summary>
    public static readonly ApiCall ListTrustAnchors = ApiCall.Regional("rolesanywhere", "ListTrustAnchors");

    /// <summary>SES identities (domains and addresses) with their verification status.</summary>
    public static readonly ApiCall ListEmailIdentities = ApiCall.Regional("sesv2", "ListEmailIdentities");

    /// <summary>The region's SES account: whether it left the sandbox (production access) and may send.</summary>
    public static readonly ApiCall GetSesAccount = ApiCall.Regional("sesv2", "GetAccount");
}
