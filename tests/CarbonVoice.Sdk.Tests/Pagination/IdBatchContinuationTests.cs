using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>An ids page that says <c>has_more</c> without a <c>next_cursor</c> continues after its last id (Stripe style).</summary>
public class IdBatchContinuationTests
{
    [Fact]
    public async Task Has_more_without_next_cursor_continues_after_the_last_id_of_the_page()
    {
        var cursors = new List<string?>();
        var pageable = IdBatchPaging.Create(
            (cursor, _, _) =>
            {
                cursors.Add(cursor);
                return Task.FromResult(cursor is null
                    ? new ApiList<string>(["m1", "m2"], hasMore: true)
                    : new ApiList<string>(["m3"], hasMore: false));
            },
            batchSize: 10,
            (ids, _) => Task.FromResult<IReadOnlyList<string>>([.. ids]),
            id => id);

        var pages = await pageable.AsPages().ToListAsync();

        Assert.Equal([null, "m2"], cursors);
        Assert.Equal("m2", pages[0].ContinuationToken);
        Assert.Equal(["m1", "m2", "m3"], pages.SelectMany(p => p.Items));
    }

    [Fact]
    public async Task Has_more_on_an_empty_ids_page_without_a_cursor_is_a_malformed_response()
    {
        var pageable = IdBatchPaging.Create(
            (_, _, _) => Task.FromResult(new ApiList<string>([], hasMore: true)),
            batchSize: 10,
            (ids, _) => Task.FromResult<IReadOnlyList<string>>([.. ids]),
            id => id);

        await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => pageable.ToListAsync());
    }
}
