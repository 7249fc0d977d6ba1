using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPlanVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Elements = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StateChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_versions_Scope_Number",
                table: "plan_versions",
                columns: new[] { "Scope", "Number" },
                unique: true);
            // ADR 010: what a version froze is written once; the database refuses to rewrite or delete it.
            migrationBuilder.Sql("""
                CREATE TRIGGER plan_versions_frozen BEFORE UPDATE OF Scope, Number, Revision, Content, ContentHash, Elements, SubmittedBy, SubmittedUtc, Note ON plan_versions
                BEGIN SELECT RAISE(ABORT, 'A plan version never changes: its content, hash and submission are frozen (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER plan_versions_kept BEFORE DELETE ON plan_versions
                BEGIN SELECT RAISE(ABORT, 'A plan version is never deleted (ADR 010).'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_versions_kept;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_versions_frozen;");
            migrationBuilder.DropTable(
                name: "plan_versions");
        }
    }
}
