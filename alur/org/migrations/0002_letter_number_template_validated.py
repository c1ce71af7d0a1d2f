import alur.org.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='office',
            name='letter_number_template',
            field=models.CharField(default='503/{nomor:02d}/{kode}/{tahun}', help_text='Kolom yang tersedia: {nomor}, {kode}, {tahun}; nomor boleh diberi lebar, mis. {nomor:02d}.', max_length=120, validators=[alur.org.validators.validate_letter_number_template], verbose_name='format nomor surat keluar'),
        ),
    ]
