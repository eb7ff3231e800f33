using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>
/// Records sharing one timestamp across three or more pages, resumed from the saved token after every page (as a sync
/// that checkpoints each page does): the ids yielded on every earlier page at that timestamp must stay in the token.
/// </summary>
public class DateCursorTieTests
{
    private static readonly DateTimeOffset Tie = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_tie_across_three_pages_resumed_page_by_page_is_neither_lost_nor_repeated()
    {
        // Six records at one timestamp, then two later ones; the service orders tied records differently on each call.
        var service = new TieService(
            [At("a", 0), At("b", 0), At("c", 0), At("d", 0), At("e", 0), At("f", 0), At("g", 1), At("h", 2)]);
        var pageable = DateCursorPaging.Create<Rec>(null, MessageDirections.Newer, 2, 100, service.FetchAsync, r => r.Id, r => r.At);

        var yielded = new List<string>();
        string? token = null;
        do
        {
            var page = await pageable.AsPages(token).FirstAsync();
            yielded.AddRange(page.Items.Select(r => r.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(["a", "b", "f", "e", "d", "c", "g", "h"], yielded);
        // Each limit is the page size plus every id already yielded at the cursor date (2, then 2 + 2, then 2 + 6).
        Assert.Equal([2, 4, 8], service.Limits.Take(3));
    }

    private static Rec At(string id, int minutesAfterTie) => new(id, Tie.AddMinutes(minutesAfterTie));

    internal sealed record Rec(string Id, DateTimeOffset At);

    /// <summary>An inclusive <c>newer</c> date cursor: records at or after the date, oldest first, cut at the limit.</summary>
    private sealed class TieService(IReadOnlyList<Rec> records)
    {
        public List<int> Limits { get; } = [];

        public Task<IReadOnlyList<Rec>> FetchAsync(DateTimeOffset? date, int limit, CancellationToken cancellationToken)
        {
            Limits.Add(limit);
            var reversed = Limits.Count % 2 == 0;
            var matching = records.Where(r => date is null || r.At >= date)
                .OrderBy(r => r.At)
                .ThenBy(r => reversed ? -r.Id[0] : r.Id[0]);
            return Task.FromResult<IReadOnlyList<Rec>>([.. matching.Take(limit)]);
        }
    }
}
