#!/usr/bin/env python3
"""Checks generate-cli-commands.mjs against a real AWS CLI v1 (awscli + botocore installed for python3).

Generates the command table from the installed botocore's own models (for the services the committed
table covers), asks the installed CLI for every operation's argument table, and prints every
difference: a rule cli-names.mjs is missing shows up here. `aws <service> wait <waiter>` commands are
compared with the table's waiters. Commands the CLI adds on its own (`logs tail`, `eks
update-kubeconfig` ...) are listed separately; remediations may not use them.

Usage: python3 tools/remediation-validation/crosscheck-awscli.py
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

import botocore
from awscli.clidriver import create_clidriver

HERE = os.path.dirname(os.path.abspath(__file__))
COMMITTED = os.path.join(HERE, '..', '..', 'tests', 'CloudAudit.Remediation.Tests', 'Data', 'aws-cli-commands.json.gz')
PER_OPERATION_OPTIONS = {'cli-input-json', 'cli-input-yaml', 'generate-cli-skeleton'}


def generated_from_installed_botocore(folders):
    work = tempfile.mkdtemp()
    models = os.path.join(work, 'models')
    os.mkdir(models)
    for folder in folders:
        os.symlink(os.path.join(os.path.dirname(botocore.__file__), 'data', folder), os.path.join(models, folder))
    out = os.path.join(work, 'table.json.gz')
    subprocess.run(['node', os.path.join(HERE, 'generate-cli-commands.mjs'), models, out], check=True)
    return json.load(gzip.open(out))['services']


def kind(service_table, ref):
    """How the CLI reads a parameter of this type: a flag, one or more words, or one word."""
    ref = ref.rstrip('!')
    if ref == '#boolean' or ref.startswith('#not:'):
        return 'BooleanArgument'
    if ref == '#list' or 'list' in service_table['shapes'].get(ref, {}):
        return 'ListArgument'
    return 'CLIArgument'


def cli_argument_tables(services):
    tables = {}
    for name, command in sorted(create_clidriver()._get_command_table().items()):
        if name not in services or not hasattr(command, '_get_command_table'):
            continue
        tables[name] = {}
        for operation, sub in sorted(command._get_command_table().items()):
            if operation == 'wait' and hasattr(sub, 'subcommand_table'):
                for waiter, state in sorted(sub.subcommand_table.items()):
                    tables[name][f'wait {waiter}'] = arguments_of(state)
            else:
                tables[name][operation] = arguments_of(sub)
    return tables


def arguments_of(command):
    return {arg: (bool(getattr(value, 'required', False)), type(value).__name__)
            for arg, value in command.arg_table.items() if arg not in PER_OPERATION_OPTIONS}


def commands_of(table):
    """The table's operations, and its waiters as "wait <waiter>"."""
    return {**table['operations'], **{f'wait {w}': p for w, p in table.get('waiters', {}).items()}}


def main():
    committed = json.load(gzip.open(COMMITTED))
    generated = generated_from_installed_botocore([model.split('/')[0] for model in committed['models'].values()])
    real = cli_argument_tables(set(generated))
    same, differences, cli_only_commands = 0, [], []
    for service, operations in real.items():
        for operation, arguments in operations.items():
            table = generated.get(service, {'operations': {}, 'shapes': {}})
            mine = commands_of(table).get(operation)
            if mine is None:
                cli_only_commands.append(f'{service} {operation}')
                continue
            mine = {('outfile' if arg == '<outfile>' else arg): (ref.endswith('!'), kind(table, ref)) for arg, ref in mine.items()}
            problems = [f'--{arg}: only in CLI' for arg in arguments if arg not in mine]
            problems += [f'--{arg}: only generated' for arg in mine if arg not in arguments]
            problems += [f'--{arg}: required={arguments[arg][0]} in CLI' for arg in arguments
                         if arg in mine and mine[arg][0] != arguments[arg][0]]
            # Arguments the CLI customizes have classes of their own; compare the plain ones.
            problems += [f'--{arg}: {arguments[arg][1]} in CLI, {mine[arg][1]} generated' for arg in arguments
                         if arg in mine and arguments[arg][1] in ('CLIArgument', 'BooleanArgument', 'ListArgument')
                         and mine[arg][1] != arguments[arg][1]]
            if problems:
                differences.append(f'{service} {operation}: ' + ', '.join(sorted(problems)))
            else:
                same += 1
        for operation in commands_of(generated.get(service, {'operations': {}})):
            if operation not in operations:
                differences.append(f'{service} {operation}: generated, but the CLI has no such command')
    print(f'{same} operations identical, {len(differences)} different '
          f'(aws-cli {create_clidriver().session.user_agent().split()[0]}, botocore {botocore.__version__})')
    print('\n'.join(differences))
    print(f'commands the CLI adds itself ({len(cli_only_commands)}): ' + ', '.join(cli_only_commands))
    return 1 if differences else 0


if __name__ == '__main__':
    sys.exit(main())
