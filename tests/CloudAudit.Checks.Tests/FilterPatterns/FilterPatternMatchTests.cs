using System.Text.Json.Nodes;
using CloudAudit.Checks.CloudWatch.FilterPatterns;

namespace CloudAudit.Checks.Tests.FilterPatterns;

public class FilterPatternMatchTests
{
    // Our own sample: nested objects, arrays of values, objects and arrays, null and booleans.
    private const string Sample = """
        {
          "eventName": "UpdateTrail",
          "sourceIPAddress": "111.111.111.111",
          "recipientAccountId": "123456789012",
          "latency": 750,
          "ratio": 0.25,
          "offset": -3,
          "count": "42",
          "big": "1e3",
          "user": { "id": 1, "email": "jo@example.com" },
          "users": [ { "id": 2, "email": "ann@example.com" }, { "id": 3, "email": "raj@example.com" } ],
          "actions": [ "GET", "PUT", "DELETE" ],
          "grid": [ [0, 1, 2], [4, 5, 6] ],
          "nothing": null,
          "enabled": true,
          "disabled": false,
          "flagText": "true",
          "star": "Ev*ent"
        }
        """;

    private static bool Matches(string pattern, string json = Sample)
    {
        var result = FilterPattern.Parse(pattern);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Pattern!.Matches(JsonNode.Parse(json)!);
    }

    [Theory]
    [InlineData("{ $.eventName = UpdateTrail }", true)]
    [InlineData("{ $.eventName = \"UpdateTrail\" }", true)]
    [InlineData("{ $.eventName = updatetrail }", false)] // values compare case-sensitively
    [InlineData("{ $.eventName != UpdateTrail }", false)]
    [InlineData("{ $.eventName != CreateTrail }", true)]
    [InlineData("{ $.user.email = \"jo@example.com\" }", true)]
    [InlineData("{ $.users[1].email = \"raj@example.com\" }", true)]
    [InlineData("{ $.actions[2] = DELETE }", true)]
    [InlineData("{ $.grid[1][2] = 6 }", true)]
    [InlineData("{ $.actions[3] = DELETE }", false)] // past the end of the array
    [InlineData("{ $.user[0] = 1 }", false)] // an index into an object
    [InlineData("{ $.eventName.inner = x }", false)] // a property of a string
    public void Selectors_walk_objects_and_arrays(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    [Theory]
    [InlineData("{ $.missing = x }", false)]
    [InlineData("{ $.missing != x }", false)] // CloudWatch: != never matches an absent field
    [InlineData("{ $.user.missing != x }", false)]
    [InlineData("{ $.missing.deeper != x }", false)]
    [InlineData("{ $.missing = * }", false)]
    [InlineData("{ $.missing < 5 }", false)]
    [InlineData("{ $.missing NOT EXISTS }", true)]
    [InlineData("{ $.missing.deeper NOT EXISTS }", true)]
    [InlineData("{ $.eventName.deeper NOT EXISTS }", true)]
    [InlineData("{ $.missing EXISTS }", false)]
    [InlineData("{ $.missing IS NULL }", false)]
    [InlineData("{ ($.missing != x) || ($.missing NOT EXISTS) }", true)]
    public void An_absent_field_equals_nothing_and_differs_from_nothing(string pattern, bool expected) =>
        Assert.Equal(expected, Matches(pattern));

    [Theory]
    [InlineData("{ $.nothing IS NULL }", true)]
    [InlineData("{ $.eventName IS NULL }", false)]
    [InlineData("{ $.nothing NOT EXISTS }", false)] // present, with the value null
    [InlineData("{ $.nothing EXISTS }", true)]
    [InlineData("{ $.nothing = * }", false)]
    [InlineData("{ $.nothing != x }", false)]
    [InlineData("{ $.user = * }", false)] // objects and arrays are not values: neither = nor != applies
    [InlineData("{ $.user != x }", false)]
    [InlineData("{ $.actions = GET }", false)]
    [InlineData("{ $.actions != 1 }", false)]
    [InlineData("{ $.user NOT EXISTS }", false)]
    [InlineData("{ $.enabled IS TRUE }", true)]
    [InlineData("{ $.enabled IS FALSE }", false)]
    [InlineData("{ $.disabled IS FALSE }", true)]
    [InlineData("{ $.flagText IS TRUE }", false)] // the string "true" is not a boolean
    [InlineData("{ $.missing IS FALSE }", false)]
    [InlineData("{ $.enabled = true }", true)] // a boolean compared as text
    public void Null_booleans_objects_and_arrays(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    [Theory]
    [InlineData("{ $.eventName = Update* }", true)]
    [InlineData("{ $.eventName = *Trail }", true)]
    [InlineData("{ $.eventName = *dateTr* }", true)]
    [InlineData("{ $.eventName = * }", true)]
    [InlineData("{ $.eventName = \"*\" }", true)] // wildcards work inside quotes too
    [InlineData("{ $.eventName = Create* }", false)]
    [InlineData("{ $.sourceIPAddress != 123.123.* }", true)]
    [InlineData("{ $.sourceIPAddress = 111.111.* }", true)]
    [InlineData("{ $.eventName = Up*Trail }", false)] // a '*' inside the value is a literal character
    [InlineData("{ $.star = Ev*ent }", true)]
    [InlineData("{ $.latency = 7* }", true)] // a number matched as text
    public void Wildcards_stand_at_the_start_or_end(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    [Theory]
    [InlineData("{ $.latency = 750 }", true)]
    [InlineData("{ $.latency = 750.0 }", true)]
    [InlineData("{ $.latency = 7.5e2 }", true)]
    [InlineData("{ $.latency != 750 }", false)]
    [InlineData("{ $.latency > 500 }", true)]
    [InlineData("{ $.latency >= 750 }", true)]
    [InlineData("{ $.latency < 750 }", false)]
    [InlineData("{ $.latency <= +750 }", true)]
    [InlineData("{ $.ratio < 1e-1 }", false)]
    [InlineData("{ $.ratio > 10e-3 }", true)]
    [InlineData("{ $.offset < -2.5 }", true)]
    [InlineData("{ $.offset = -3 }", true)]
    [InlineData("{ $.count = 42 }", true)] // a string holding a plain number compares as a number
    [InlineData("{ $.count > 41.5 }", true)]
    [InlineData("{ $.big > 100 }", false)] // strings in scientific notation are not numbers
    [InlineData("{ $.eventName < 5 }", false)]
    [InlineData("{ $.eventName != 5 }", true)]
    [InlineData("{ $.enabled = 1 }", false)]
    [InlineData("{ $.recipientAccountId = 123456789012 }", true)]
    [InlineData("{ $.latency = \"750\" }", true)] // a quoted value compares with the number's text
    public void Numbers_compare_numerically(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    [Theory]
    [InlineData("{ $.eventName = %Trail$% }", true)]
    [InlineData("{ $.eventName = %^Trail% }", false)]
    [InlineData("{ $.eventName = %pdat% }", true)] // unanchored: matches anywhere in the value
    [InlineData("{ $.eventName != %^Describe% }", true)]
    [InlineData("{ $.sourceIPAddress = %^\\d{1,3}\\.\\d{1,3}\\.% }", true)]
    [InlineData("{ $.missing != %x% }", false)]
    public void Regex_values_search_the_value(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    [Theory]
    // && binds tighter than ||: A || B && C is A || (B && C)
    [InlineData("{ $.eventName = UpdateTrail || $.latency = 1 && $.ratio = 1 }", true)]
    [InlineData("{ ($.eventName = UpdateTrail || $.latency = 1) && $.ratio = 1 }", false)]
    [InlineData("{ $.latency = 1 && $.ratio = 1 || $.eventName = UpdateTrail }", true)]
    [InlineData("{ $.latency = 1 && ($.ratio = 1 || $.eventName = UpdateTrail) }", false)]
    [InlineData("{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || $.actions[2] = \"GET\" }", false)]
    [InlineData("{ ($.user.id = 1) && ($.users[0].email = \"ann@example.com\") }", true)]
    [InlineData("{ $.a = 1 || $.b = 2 || $.eventName = UpdateTrail }", true)]
    [InlineData("{ $.latency > 1 && $.ratio > 0 && $.offset < 0 && $.eventName = Update* }", true)]
    public void And_binds_tighter_than_or(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    [Theory]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("UpdateTrail", true)]
    [InlineData("updatetrail", false)] // terms are case-sensitive
    [InlineData("Update", true)] // a term matches inside a longer word
    [InlineData("UpdateTrail Missing", false)] // all terms must occur
    [InlineData("UpdateTrail \"raj@example.com\"", true)]
    [InlineData("\"\"", true)]
    [InlineData("\"\\\"eventName\\\":\\\"UpdateTrail\\\"\"", true)] // compact JSON text: no space after ':'
    [InlineData("?Missing ?UpdateTrail", true)]
    [InlineData("?Missing ?Absent", false)]
    [InlineData("UpdateTrail -DELETE", false)]
    [InlineData("UpdateTrail -Absent", true)]
    [InlineData("UpdateTrail - DELETE", false)]
    [InlineData("?Missing Absent ?UpdateTrail GET", true)] // ?A B ?C D = (A and B) or (C and D)
    [InlineData("?UpdateTrail Absent ?Missing GET", false)]
    [InlineData("%Upd.teTr[a-z]+l%", true)]
    [InlineData("%^UpdateTrail%", false)] // the raw text starts with '{'
    public void Term_patterns_search_the_raw_event_text(string pattern, bool expected) => Assert.Equal(expected, Matches(pattern));

    private const string AccessLog = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";

    [Theory]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code]", false)] // field counts must agree
    [InlineData("[ip, user, ...]", true)]
    [InlineData("[..., status_code = 404, bytes]", true)]
    [InlineData("[..., status_code = 4*, bytes > 1000]", true)]
    [InlineData("[..., status_code = 4*, bytes > 2000]", false)]
    [InlineData("[ip = 127.0.0.1, ..., status_code != 404, bytes]", false)]
    [InlineData("[ip, user, username = frank, timestamp = *2000*, request = *.html*, status_code, bytes]", true)]
    [InlineData("[ip, user, username, timestamp = \"10/Oct/2000:13:25:15 -0700\", ...]", true)]
    [InlineData("[..., request=*.html*, status_code=4*,]", true)] // the trailing empty field takes the byte count
    [InlineData("[..., status_code = 403 || status_code = 404, bytes]", true)]
    [InlineData("[..., status_code = 4* && status_code != 404, bytes]", false)]
    [InlineData("[ip = %^127\\.%, ...]", true)]
    [InlineData("[w1, ..., w2, w3, w4, w5, w6, w7, w8]", false)] // more fields than the line has
    public void Space_delimited_patterns_bind_fields_by_position(string pattern, bool expected)
    {
        var parsed = FilterPattern.Parse(pattern).Pattern!;

        Assert.Equal(expected, parsed.Matches(AccessLog));
    }

    [Fact]
    public void A_space_delimited_pattern_rarely_matches_a_json_record()
    {
        var pattern = FilterPattern.Parse("[first, ...]").Pattern!;
        var strict = FilterPattern.Parse("[version, identity]").Pattern!;

        Assert.True(pattern.Matches(JsonNode.Parse(Sample)!)); // any text has a first field
        Assert.False(strict.Matches(JsonNode.Parse(Sample)!));
    }

    [Fact]
    public void A_json_pattern_never_matches_text_that_is_not_json()
    {
        var pattern = FilterPattern.Parse("{ $.eventName = * }").Pattern!;

        Assert.False(pattern.Matches("ERROR eventName=UpdateTrail"));
        Assert.True(pattern.Matches("""{"eventName":"UpdateTrail"}"""));
    }

    [Fact]
    public void Events_built_in_code_match_like_parsed_ones()
    {
        var record = new JsonObject
        {
            ["eventName"] = "StopLogging",
            ["eventTime"] = new DateTime(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc),
            ["attempts"] = 3,
            ["dryRun"] = false,
        };
        var pattern = FilterPattern.Parse("{ $.eventName = StopLogging && $.eventTime = 2026-03-14T09* && $.attempts > 2 && $.dryRun IS FALSE }").Pattern!;

        Assert.True(pattern.Matches(record));
    }

    [Fact]
    public void The_empty_pattern_matches_every_event()
    {
        var pattern = FilterPattern.Parse("").Pattern!;

        Assert.True(pattern.Matches("anything at all"));
        Assert.True(pattern.Matches(new JsonObject()));
    }
}
