namespace CloudAudit.Integration.Tests;

/// <summary>
/// The two reads moto 5.2.1 does not implement, answered as AWS would: it sends HTTP 500 to
/// <c>cloudtrail:LookupEvents</c> and <c>iam:SimulatePrincipalPolicy</c>, which the scanner retries and then gives up
/// on (see docs/live-scanning.md), so a test that reaches them and is not about that failure answers them here.
/// Rules added to the proxy later win, so a test gives these first and its own recorded answers after.
/// </summary>
public sealed partial class FaultProxy
{
    /// <summary>CloudTrail's answer to a lookup that finds no event.</summary>
    public static CannedResponse NoEvents { get; } = new(200, "application/x-amz-json-1.1", """{"Events": []}""");

    public static bool IsEventLookup(WireRequest request) => request is { Service: "cloudtrail", Operation: "LookupEvents" };

    public static bool IsSimulation(WireRequest request) => request is { Service: "iam", Operation: "SimulatePrincipalPolicy" };

    /// <summary>A SimulatePrincipalPolicy request for the principal <paramref name="source"/>.</summary>
    public static bool Simulates(WireRequest request, string source) =>
        IsSimulation(request) && Form(request).Contains($"PolicySourceArn={source}&", StringComparison.Ordinal);

    /// <summary>A query request's form, decoded, each pair followed by '&amp;'.</summary>
    public static string Form(WireRequest request) => Uri.UnescapeDataString(request.Body.Replace('+', ' ')) + "&";

    /// <summary>Every LookupEvents finds no event, as in an account where nothing the detectors look for happened.</summary>
    public FaultProxy WithEmptyEventHistory() => Answer(IsEventLookup, NoEvents);

    /// <summary>
    /// Every SimulatePrincipalPolicy is refused with IAM's AccessDenied for <paramref name="account"/>'s auditor role (the
    /// role the moto fixture's scans assume), naming the principal asked about.
    /// </summary>
    public FaultProxy RefusingSimulations(string account) => Answer(IsSimulation, request => new CannedResponse(403, "text/xml",
        Recorded.Text("iam/AccessDenied.xml", ("caller", $"arn:aws:sts::{account}:assumed-role/auditor/cloud-audit"), ("resource", PolicySource(request)))));

    /// <summary>The principal a SimulatePrincipalPolicy request asks about (its PolicySourceArn).</summary>
    public static string PolicySource(WireRequest request) =>
        Form(request).Split('&').FirstOrDefault(p => p.StartsWith("PolicySourceArn=", StringComparison.Ordinal))?["PolicySourceArn=".Length..] ?? "*";
}
