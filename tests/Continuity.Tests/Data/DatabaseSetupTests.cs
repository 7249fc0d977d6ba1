using Continuity.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Continuity.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Fact]
    public void The_default_is_a_local_sqlite_file()
    {
        using var services = Build([]);

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContinuityDb>();

        Assert.IsType<SqliteContinuityDb>(db);
        Assert.Equal("Data Source=data/continuity.db", services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString);
    }

    [Fact]
    public void Postgres_is_chosen_by_configuration()
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Database=continuity",
        });

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContinuityDb>();

        Assert.IsType<PostgresContinuityDb>(db);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }

    [Fact]
    public void An_empty_connection_string_is_refused()
    {
        using var services = Build(new() { ["Database:ConnectionString"] = "" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddContinuityDb(configuration).BuildServiceProvider();
    }
}
