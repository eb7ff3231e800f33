using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_match_the_documented_values()
    {
        var options = new CarbonVoiceOptions();

        Assert.Equal(new Uri("https://api.carbonvoice.app/"), options.BaseAddress);
        Assert.Equal(CarbonVoiceAuthenticationMode.OAuth, options.AuthenticationMode);
        Assert.True(options.UsePkce);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshBuffer);
        Assert.True(options.AttemptTimeout <= options.Timeout);
        Assert.True(options.RateLimit.WaitWhenExhausted);
        Assert.InRange(options.RateLimit.MaxRetries, 1, 100);
        Assert.Empty(options.Scopes);
    }

    [Fact]
    public void Options_bind_from_the_CarbonVoice_section()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["CarbonVoice:ClientId"] = "section-client",
            ["CarbonVoice:ClientSecret"] = "section-secret",
            ["CarbonVoice:RedirectUri"] = "https://app.test/oauth/callback",
            ["CarbonVoice:BaseAddress"] = "http://127.0.0.1:5005/",
            ["CarbonVoice:Scopes:0"] = "workspaces:read",
            ["CarbonVoice:Scopes:1"] = "messages:read",
            ["CarbonVoice:UsePkce"] = "false",
            ["CarbonVoice:TokenRefreshBuffer"] = "00:10:00",
            ["CarbonVoice:Timeout"] = "00:02:00",
            ["CarbonVoice:AttemptTimeout"] = "00:00:20",
            ["CarbonVoice:MaxRetryAttempts"] = "5",
            ["CarbonVoice:RateLimit:MaxRetries"] = "7",
            ["CarbonVoice:RateLimit:MaxWait"] = "00:00:30",
            ["CarbonVoice:RateLimit:WaitWhenExhausted"] = "false",
        });

        Assert.Equal("section-client", options.ClientId);
        Assert.Equal("section-secret", options.ClientSecret);
        Assert.Equal(new Uri("https://app.test/oauth/callback"), options.RedirectUri);
        Assert.Equal(new Uri("http://127.0.0.1:5005/"), options.BaseAddress);
        Assert.Equal(["workspaces:read", "messages:read"], options.Scopes);
        Assert.False(options.UsePkce);
        Assert.Equal(TimeSpan.FromMinutes(10), options.TokenRefreshBuffer);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.AttemptTimeout);
        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(7, options.RateLimit.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RateLimit.MaxWait);
        Assert.False(options.RateLimit.WaitWhenExhausted);
    }

    [Fact]
    public void Passing_the_CarbonVoice_section_itself_binds_it_too()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CarbonVoice:ClientId"] = "from-section",
            ["CarbonVoice:ClientSecret"] = "secret",
            ["CarbonVoice:Webhooks:Secret"] = "hook-secret",
        }).Build();
        var services = new ServiceCollection();
        services.AddCarbonVoice(configuration.GetSection("CarbonVoice"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal("from-section", provider.GetRequiredService<IOptions<CarbonVoiceOptions>>().Value.ClientId);
        Assert.True(provider.GetRequiredService<CarbonVoiceWebhookValidator>().IsValid("hook-secret"));
    }

    [Fact]
    public void Options_bind_from_the_environment_variable_names()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["CARBONVOICE_CLIENT_ID"] = "env-client",
            ["CARBONVOICE_CLIENT_SECRET"] = "env-secret",
            ["CARBONVOICE_REDIRECT_URI"] = "https://app.test/env/callback",
            ["CARBONVOICE_BASE_URL"] = "http://localhost:7070",
        });

        Assert.Equal("env-client", options.ClientId);
        Assert.Equal("env-secret", options.ClientSecret);
        Assert.Equal(new Uri("https://app.test/env/callback"), options.RedirectUri);
        Assert.Equal(new Uri("http://localhost:7070/"), options.BaseAddress);
        Assert.Equal(CarbonVoiceAuthenticationMode.OAuth, options.AuthenticationMode);
    }

    [Fact]
    public void Environment_variables_override_the_section_and_code_overrides_both()
    {
        var options = Resolve(
            new Dictionary<string, string?>
            {
                ["CarbonVoice:ClientId"] = "section-client",
                ["CarbonVoice:ClientSecret"] = "section-secret",
                ["CARBONVOICE_CLIENT_SECRET"] = "env-secret",
                ["CARBONVOICE_CLIENT_ID"] = "env-client",
            },
            o => o.ClientId = "code-client");

        Assert.Equal("code-client", options.ClientId);
        Assert.Equal("env-secret", options.ClientSecret);
    }

    [Fact]
    public void Code_configuration_runs_once_so_collections_are_not_duplicated()
    {
        var calls = 0;
        var options = Resolve(Valid(), o =>
        {
            calls++;
            o.Scopes.Add("workspaces:read");
        });

        Assert.Equal(1, calls);
        Assert.Equal(["workspaces:read"], options.Scopes);
    }

    [Fact]
    public void Code_configuration_without_configuration_runs_once()
    {
        var services = new ServiceCollection();
        services.AddCarbonVoice(o =>
        {
            o.ClientId = "c";
            o.ClientSecret = "s";
            o.Scopes.Add("a");
        });
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["a"], provider.GetRequiredService<IOptions<CarbonVoiceOptions>>().Value.Scopes);
    }

    [Fact]
    public void Api_key_and_personal_access_token_variables_select_their_modes()
    {
        var apiKey = Resolve(new Dictionary<string, string?> { ["CARBONVOICE_API_KEY"] = "key-1" });
        var pat = Resolve(new Dictionary<string, string?> { ["CARBONVOICE_PERSONAL_ACCESS_TOKEN"] = "cv_pat_1" });

        Assert.Equal(CarbonVoiceAuthenticationMode.ApiKey, apiKey.AuthenticationMode);
        Assert.Equal("key-1", apiKey.ApiKey);
        Assert.Equal(CarbonVoiceAuthenticationMode.PersonalAccessToken, pat.AuthenticationMode);
        Assert.Equal("cv_pat_1", pat.PersonalAccessToken);
    }

    [Fact]
    public void A_missing_client_secret_fails_with_a_message_naming_the_setting_and_variable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["CARBONVOICE_CLIENT_ID"] = "c" }));

        Assert.Contains("CarbonVoice:ClientSecret is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("CARBONVOICE_CLIENT_SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Failures, f => f.Contains("ClientId", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_client_id_fails_clearly()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["CARBONVOICE_CLIENT_SECRET"] = "s" }));

        Assert.Contains("CarbonVoice:ClientId is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_base_url_fails_clearly()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Valid(("CARBONVOICE_BASE_URL", "api.carbonvoice.app"))));

        Assert.Contains("BaseAddress must be an absolute URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_http_base_url_fails_clearly()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Valid(("CARBONVOICE_BASE_URL", "ftp://files.test/"))));

        Assert.Contains("BaseAddress must be an http or https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_redirect_uri_fails_clearly()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Valid(("CARBONVOICE_REDIRECT_URI", "callback"))));

        Assert.Contains("RedirectUri must be an absolute URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attempt_timeout_longer_than_the_timeout_fails_clearly()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Valid(("CarbonVoice:Timeout", "00:00:10"), ("CarbonVoice:AttemptTimeout", "00:00:30"))));

        Assert.Contains("AttemptTimeout must not exceed CarbonVoice:Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_values_fail_with_the_member_name()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Valid(("CarbonVoice:MaxRetryAttempts", "50"), ("CarbonVoice:RateLimit:MaxRetries", "-1"))));

        Assert.Contains("MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["CARBONVOICE_BASE_URL"] = "api.carbonvoice.app",
            ["CarbonVoice:Timeout"] = "00:00:10",
            ["CarbonVoice:AttemptTimeout"] = "00:00:30",
        }));

        Assert.True(error.Failures.Count() >= 4, string.Join(Environment.NewLine, error.Failures));
    }

    [Theory]
    [InlineData(CarbonVoiceAuthenticationMode.PersonalAccessToken, "PersonalAccessToken is missing")]
    [InlineData(CarbonVoiceAuthenticationMode.ApiKey, "ApiKey is missing")]
    public void Each_authentication_mode_requires_its_credential(CarbonVoiceAuthenticationMode mode, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>(), o => o.AuthenticationMode = mode));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_runs_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddCarbonVoice(o => o.ClientId = "only-an-id");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ClientSecret is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructing_a_client_without_di_validates_the_options()
    {
        var options = TestClients.Options(o =>
        {
            o.ClientSecret = null;
            o.BaseAddress = new Uri("relative/path", UriKind.Relative);
        });

        var error = Assert.Throws<OptionsValidationException>(() => new CarbonVoiceClient(options, new StaticAccessTokenProvider("t")));

        Assert.Contains("ClientSecret is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseAddress must be an absolute URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructing_an_oauth_client_without_a_token_provider_fails()
        => Assert.Throws<ArgumentNullException>(() => new CarbonVoiceClient(TestClients.Options(), tokenProvider: null));

    [Fact]
    public void Valid_options_construct_a_client()
    {
        using var client = new CarbonVoiceClient(TestClients.Options(), new StaticAccessTokenProvider("t"), connectionId: "c-1");

        Assert.Equal("c-1", client.ConnectionId);
        Assert.NotNull(client.Workspaces);
        Assert.NotNull(client.OAuth);
    }

    private static Dictionary<string, string?> Valid(params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["CARBONVOICE_CLIENT_ID"] = "client",
            ["CARBONVOICE_CLIENT_SECRET"] = "secret",
        };
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return values;
    }

    private static CarbonVoiceOptions Resolve(Dictionary<string, string?> values, Action<CarbonVoiceOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddCarbonVoice(configuration, configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CarbonVoiceOptions>>().Value;
    }
}
