namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>Cases not run, each with the reason. Kept few: every entry is a feature the scanner cannot use.</summary>
internal static class ConformanceSkips
{
    public static string? Reason(string direction, ProtocolCase testCase)
    {
        if (testCase.Case["given"]?["requestcompression"] is not null)
            return "request compression (requestcompression trait): the scanner sends only small read requests, never compressed";
        return null;
    }
}
