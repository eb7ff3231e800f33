using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

internal static class Expect
{
    /// <summary>Asserts a list of ids equals the emulator's messages exactly (same ids, same order, no duplicate).</summary>
    public static void SameMessages(IReadOnlyList<EmulatorMessage> expected, IReadOnlyList<string> actualIds)
    {
        Assert.Equal(actualIds.Count, actualIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected.Count, actualIds.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (!string.Equals(expected[i].Id, actualIds[i], StringComparison.Ordinal))
            {
                Assert.Fail($"Message #{i + 1} (sequence {expected[i].Sequence}) should be {expected[i].Id} but was {actualIds[i]}.");
            }
        }
    }

    public static string QueryValue(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (Uri.UnescapeDataString(parts[0]) == name)
            {
                return Uri.UnescapeDataString(parts.Length > 1 ? parts[1].Replace('+', ' ') : string.Empty);
            }
        }

        throw new Xunit.Sdk.XunitException($"'{name}' is not in the query of {uri.GetLeftPart(UriPartial.Path)}.");
    }
}
