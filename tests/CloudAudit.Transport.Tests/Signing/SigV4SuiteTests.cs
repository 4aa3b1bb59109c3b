using System.Globalization;
using System.Text;
using CloudAudit.Transport.Signing;
using CloudAudit.Transport.Tests.Conformance;

namespace CloudAudit.Transport.Tests.Signing;

/// <summary>The AWS Signature Version 4 test suite (ProtocolTests/sigv4): every case, canonical request to signature.</summary>
public sealed class SigV4SuiteTests
{
    private static readonly SigningCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private const string SessionToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
    private static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases()
    {
        var root = ProtocolSuite.DataPath("sigv4");
        var data = new TheoryData<string>();
        foreach (var request in Directory.GetFiles(root, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, request)[..^".req".Length]);
        return data;
    }

    [Fact]
    public void The_suite_is_all_there() => Assert.Equal(34, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signs_like_the_suite(string name)
    {
        var basePath = Path.Combine(ProtocolSuite.DataPath("sigv4"), name);
        var request = ParseRequest(File.ReadAllText(basePath + ".req"));
        var (token, signToken) = Path.GetFileName(name) switch
        {
            "get-vanilla-with-session-token" => ("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267", true),
            "post-sts-header-before" => (SessionToken, true),
            "post-sts-header-after" => (SessionToken, false),
            _ => (null, true),
        };
        // Suite requests that already carry the token header sign it as given.
        if (request.Headers.Any(h => h.Key.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)))
            token = null;

        var result = SigV4Signer.Sign(request, Credentials with { SessionToken = token },
            new SigningOptions("us-east-1", "service", SignSessionToken: signToken), SigningTime);

        Assert.Equal(Read(basePath + ".creq"), result.CanonicalRequest);
        Assert.Equal(Read(basePath + ".sts"), result.StringToSign);
        Assert.Equal(Read(basePath + ".authz"), result.Authorization);
    }

    [Fact]
    public void S3_signs_the_path_as_sent_and_sends_the_payload_hash()
    {
        var request = new SigningRequest { Method = "GET", Path = "/my-object//example//photo%20a.user", Headers = [new("Host", "bucket.s3.amazonaws.com")] };

        var result = SigV4Signer.Sign(request, Credentials, new SigningOptions("us-east-1", "s3", IsS3: true, UnsignedPayload: true), SigningTime);

        Assert.Contains("\n/my-object//example//photo%20a.user\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains(result.HeadersToAdd, h => h.Key == "X-Amz-Content-SHA256" && h.Value == "UNSIGNED-PAYLOAD");
        Assert.EndsWith("\nUNSIGNED-PAYLOAD", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_services_sign_the_encoded_path_encoded_again()
    {
        var request = new SigningRequest { Method = "GET", Path = "/a%20b", Headers = [new("Host", "x.amazonaws.com")] };

        var result = SigV4Signer.Sign(request, Credentials, new SigningOptions("us-east-1", "lambda"), SigningTime);

        Assert.Contains("\n/a%2520b\n", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.DoesNotContain(result.HeadersToAdd, h => h.Key == "X-Amz-Content-SHA256");
    }

    private static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Reads a suite .req file: request line, headers (folded lines kept), blank line, body.</summary>
    private static SigningRequest ParseRequest(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = new List<KeyValuePair<string, string>>();
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (char.IsWhiteSpace(lines[i][0]))
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + lines[i]);
                continue;
            }
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(lines[i][..colon], lines[i][(colon + 1)..]));
        }
        var body = i < lines.Length ? string.Join('\n', lines[(i + 1)..]) : "";
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? [] : target[(queryStart + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), (string?)(p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")))
            .ToList();
        return new SigningRequest { Method = method, Path = path, Query = query, Headers = headers, Body = Encoding.UTF8.GetBytes(body) };
    }
}
