using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddObjectiveApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "objective_approvals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Function = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MtpdMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    RtoMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    RpoMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_objective_approvals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_objective_approvals_Function",
                table: "objective_approvals",
                column: "Function");

            // ADR 010: a signed approval of recovery objectives is written once, never changed or deleted.
            migrationBuilder.Sql("""
                CREATE TRIGGER objective_approvals_frozen BEFORE UPDATE ON objective_approvals
                BEGIN SELECT RAISE(ABORT, 'A signed approval of recovery objectives never changes (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER objective_approvals_kept BEFORE DELETE ON objective_approvals
                BEGIN SELECT RAISE(ABORT, 'A signed approval of recovery objectives is never deleted (ADR 010).'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS objective_approvals_kept;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS objective_approvals_frozen;");

            migrationBuilder.DropTable(
                name: "objective_approvals");
        }
    }
}
