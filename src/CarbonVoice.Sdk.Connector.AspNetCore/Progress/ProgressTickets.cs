using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Short-lived, single-use tickets for the progress WebSocket. A browser cannot set headers on a WebSocket, so instead
/// of the tenant's API key in the URL (where proxies and logs keep it) the page trades its key for a ticket
/// (<c>POST .../progress/tickets</c>) and opens <c>/ws/{tenant_id}?ticket=...</c> with it within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ProgressTickets(TimeProvider time)
{
    /// <summary>How long a ticket can be used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>The most unredeemed tickets kept; beyond it the oldest expired ones are dropped first.</summary>
    private const int MaxOutstanding = 10_000;

    private readonly ConcurrentDictionary<string, (string TenantId, DateTimeOffset ExpiresAt)> _tickets = new(StringComparer.Ordinal);

    /// <summary>Issues a ticket for a tenant.</summary>
    /// <param name="tenantId">The tenant the ticket lets watch.</param>
    /// <returns>The ticket and when it expires.</returns>
    public (string Ticket, DateTimeOffset ExpiresAt) Issue(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var now = time.GetUtcNow();
        if (_tickets.Count >= MaxOutstanding)
        {
            foreach (var (key, value) in _tickets)
            {
                if (value.ExpiresAt <= now)
                {
                    _tickets.TryRemove(key, out _);
                }
            }

            if (_tickets.Count >= MaxOutstanding)
            {
                throw new InvalidOperationException("Too many progress tickets are outstanding; try again shortly.");
            }
        }

        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = now + Lifetime;
        _tickets[ticket] = (tenantId, expires);
        return (ticket, expires);
    }

    /// <summary>Redeems a ticket once: the tenant it was issued for, or null when it is unknown, used or expired.</summary>
    /// <param name="ticket">The ticket.</param>
    public string? Redeem(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || !_tickets.TryRemove(ticket, out var entry))
        {
            return null;
        }

        return entry.ExpiresAt > time.GetUtcNow() ? entry.TenantId : null;
    }
}
