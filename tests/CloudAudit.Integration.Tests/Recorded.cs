using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// AWS answers moto cannot give, as the service sends them (its own wire format), from the Recorded folder. A file's
/// {{name}} slots are filled from the caller's values; {{now}}, {{now-30d}}, {{now+335d}} and {{now-3h}} are instants
/// relative to the time of the test, so that ages (of keys, passwords, certificates, events) are what the file says
/// whenever it runs.
/// </summary>
public static partial class Recorded
{
    public static string Text(string file, params (string Name, string Value)[] values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", file));
        var slots = values.ToDictionary(v => v.Name, v => v.Value);
        var now = DateTimeOffset.UtcNow;
        return Slot().Replace(text, m => m.Groups["days"].Success
            ? now.AddDays(int.Parse(m.Groups["days"].Value, CultureInfo.InvariantCulture)).ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture)
            : m.Groups["hours"].Success
            ? now.AddHours(int.Parse(m.Groups["hours"].Value, CultureInfo.InvariantCulture)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : m.Groups["name"].Value == "now" ? now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : slots.TryGetValue(m.Groups["name"].Value, out var value) ? value
            : throw new KeyNotFoundException($"{file}: no value for {{{{{m.Groups["name"].Value}}}}}"));
    }

    /// <summary>An answer of a query or rest-xml service (IAM, EC2, S3).</summary>
    public static CannedResponse Xml(string file, params (string Name, string Value)[] values) => new(200, "text/xml", Text(file, values));

    /// <summary>An answer of a rest-json service (Lambda).</summary>
    public static CannedResponse RestJson(string file, params (string Name, string Value)[] values) =>
        new(200, "application/json", Text(file, values));

    /// <summary>An error of a rest-json service (Security Hub), with its code in the header as AWS sends it.</summary>
    public static CannedResponse RestJsonError(int status, string code, string file, params (string Name, string Value)[] values) =>
        new(status, "application/json", Text(file, values)) { Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = code } };

    /// <summary>An answer of a json 1.1 service (ECS).</summary>
    public static CannedResponse Json(string file, params (string Name, string Value)[] values) =>
        new(200, "application/x-amz-json-1.1", Text(file, values));

    /// <summary>GetCredentialReport carrying the CSV report <paramref name="csvFile"/> (base64, as IAM sends it).</summary>
    public static CannedResponse CredentialReport(string csvFile, string account) => Xml("iam/GetCredentialReport.xml",
        ("content", Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(csvFile, ("account", account))))));

    [GeneratedRegex(@"\{\{(?:now(?<days>[+-]\d+)d|now(?<hours>[+-]\d+)h|(?<name>[a-z_]+))\}\}")]
    private static partial Regex Slot();
}
